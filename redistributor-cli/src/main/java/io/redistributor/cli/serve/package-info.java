/**
 * The {@code redistributor serve} command: a local web page for colour matching and its HTTP API,
 * served by the JDK's {@code com.sun.net.httpserver.HttpServer}. The server only moves images
 * and parameters; the matching, metrics and file formats are the image module's
 * ({@code io.redistributor.image.ColorTransfer}, {@code ImageMetrics}, {@code ImageFiles}).
 * See docs/serve.md.
 */
package io.redistributor.cli.serve;
