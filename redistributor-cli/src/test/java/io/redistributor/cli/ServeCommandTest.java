package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code serve} subcommand on the command line. */
class ServeCommandTest {

    @Test
    void bindingAnotherInterfaceNeedsAllowRemote() {
        Run r = Run.of("serve", "--bind", "0.0.0.0", "--port", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("--allow-remote"), r::toString);
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Run size = Run.of("serve", "--max-upload", "12X", "--port", "0");
        assertEquals(ExitCodes.USAGE, size.code(), size::toString);
        assertTrue(size.err().contains("--max-upload '12X'"), size::toString);
        Run port = Run.of("serve", "--port", "70000");
        assertEquals(ExitCodes.USAGE, port.code(), port::toString);
        assertTrue(port.err().contains("70000"), port::toString);
    }

    @Test
    void aPortInUseIsAFileError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = Run.of("serve", "--port", taken.getLocalPort());
            assertEquals(ExitCodes.IO, r.code(), r::toString);
            assertTrue(r.err().contains("--port 0"), r::toString);
        }
    }

    @Test
    void printsTheAddressServesThePageAndStopsWhenInterrupted() throws Exception {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(cl.execute("serve", "--port", "0")));
        t.start();
        Pattern address = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");
        Matcher m = address.matcher("");
        for (int i = 0; i < 300 && !m.reset(out.toString()).find(); i++) {
            Thread.sleep(50);
        }
        assertTrue(m.reset(out.toString()).find(), () -> "no address printed: " + out + err);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(m.group())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Redistributor"));
        t.interrupt();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertEquals(ExitCodes.OK, code.get(), () -> out + "\n" + err);
    }
}
