package eu.efgs.gateway.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.context.ApplicationScoped;
import picocli.CommandLine;

/** Lets picocli obtain commands from CDI, so they can inject services. */
@ApplicationScoped
public class CdiCommandFactory implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        InstanceHandle<K> handle = Arc.container().instance(type);
        return handle.isAvailable() ? handle.get() : CommandLine.defaultFactory().create(type);
    }
}
