package eu.efgs.gateway.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap flags are set in a JVM started without them, and a flag given on the command line is kept. */
class HeapPolicyTest {

    /** Applies the policy in a fresh JVM and prints the three flags' values. */
    public static void main(String[] args) {
        HeapPolicy.applyJvmDefaults();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        HeapPolicy.DEFAULTS.keySet().forEach(name -> System.out.println(name + "=" + vm.getVMOption(name).getValue()));
    }

    private static String run(String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseG1GC");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapPolicyTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void withoutJvmOptionsTheGatewaysHeapDefaultsApply() throws Exception {
        assertEquals("MinHeapFreeRatio=10\nMaxHeapFreeRatio=30\nG1PeriodicGCInterval=5000\n", run());
    }

    @Test
    void aFlagGivenOnTheCommandLineWins() throws Exception {
        assertEquals("MinHeapFreeRatio=10\nMaxHeapFreeRatio=60\nG1PeriodicGCInterval=0\n",
                run("-XX:MaxHeapFreeRatio=60", "-XX:G1PeriodicGCInterval=0"));
    }
}
