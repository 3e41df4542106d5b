package eu.efgs.gateway.platform;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a {@link CidrRange} setting when the configuration is built, so a bad range stops start-up with the
 * property's name (SmallRye Config adds it) instead of failing at the first request.
 */
public final class CidrRangeConverter implements Converter<CidrRange> {

    @Override
    public CidrRange convert(String value) {
        return CidrRange.parse(value);
    }
}
