/**
 * Colour matching, correction and style transfer between photos, built on the Redistributor
 * transform: image input and output, per-channel and joint colour transfer, content
 * preservation, exact histogram specification, photomosaics, augmentation and quality metrics.
 */
package io.redistributor.image;
