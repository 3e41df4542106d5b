package eu.efgs.gateway.platform;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory the gateway gives back: the JVM's defaults keep a heap as large as the busiest moment asked for (on a
 * 24 GiB machine up to 6 GiB), which a server that mostly waits does not need. These flags can be changed while the
 * JVM runs, so the gateway sets them at start without any JVM option: after a burst, the heap shrinks to what is
 * in use plus 30 % at the next collection, and an idle gateway collects every 5 s. Any of them given on the command
 * line ({@code -XX:}) wins; {@code -Xmx} bounds the heap as usual.
 */
public final class HeapPolicy {

    static final Map<String, String> DEFAULTS = defaults();

    private HeapPolicy() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> flags = new LinkedHashMap<>(); // in this order: Min must never exceed Max
        flags.put("MinHeapFreeRatio", "10");
        flags.put("MaxHeapFreeRatio", "30");
        flags.put("G1PeriodicGCInterval", "5000");
        return flags;
    }

    /** Sets what was not set on the command line; returns what it set. Flags this JVM lacks are skipped. */
    public static Map<String, String> applyJvmDefaults() {
        Map<String, String> applied = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        DEFAULTS.forEach((name, value) -> {
            try {
                VMOption option = vm.getVMOption(name);
                if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                    vm.setVMOption(name, value);
                    applied.put(name, value);
                }
            } catch (IllegalArgumentException notThisJvm) {
                // another collector or JVM: its own defaults stay
            }
        });
        return applied;
    }
}
