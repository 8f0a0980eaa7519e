package org.downtimebacklog.support;

import org.downtimebacklog.database.StrayServer;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The application in a JVM of its own on a data directory, as an operator runs it, so that a test can kill it the way
 * the out-of-memory killer or a power cut does and start it again on the same data.
 */
public final class ServiceProcess {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    public ServiceProcess(Path dataDir, Map<String, String> environment) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.environment = environment;
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port).toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path log() {
        return dataDir.resolve("service-" + starts + ".log");
    }

    /** Starts the service and returns once it answers /health with 200. */
    public void start() throws Exception {
        starts++;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the product's log configuration, not the tests' logback-test.xml
                "-Dlogback.configurationFile=logback.xml",
                "-cp", classPath(), "org.downtimebacklog.Application")
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().put("BACKLOG_DATA_DIR", dataDir.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().put("BACKLOG_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        builder.environment().put("BACKLOG_PASSWORD_COST", "4");
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited: " + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not come up within 120 s: " + tail());
    }

    /** What a command of the service's jar printed, and its exit code. */
    public record CommandResult(int exitCode, String output) {
    }

    /** Runs {@code java -jar downtime-backlog.jar <args>} on this data directory, with this environment. */
    public CommandResult command(String... args) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", classPath(),
                "org.downtimebacklog.Application"));
        line.addAll(List.of(args));
        Path output = dataDir.resolve("command-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("BACKLOG_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        Process command = builder.start();
        if (!command.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            command.destroyForcibly();
            throw new AssertionError("the command did not finish within 120 s: " + Files.readString(output));
        }
        return new CommandResult(command.exitValue(), Files.readString(output));
    }

    /** Stops the service as an operator does (SIGTERM), letting it shut its database down. */
    public void shutDown() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The service's JVM, while it runs (to read the CPU time it has used, say). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL to the JVM alone: its embedded database lives on, as after the out-of-memory killer. */
    public void killJvm() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGKILL to the JVM and its database at once, as in a power cut. */
    public void killJvmAndDatabase() throws Exception {
        List<ProcessHandle> databases = databases();
        process.destroyForcibly();
        databases.forEach(ProcessHandle::destroyForcibly);
        process.waitFor();
        for (ProcessHandle database : databases) {
            database.onExit().get();
        }
    }

    /** The embedded database servers serving this data directory. */
    public List<ProcessHandle> databases() {
        Path mariadbDir = dataDir.resolve("mariadb");
        return ProcessHandle.allProcesses().filter(p -> StrayServer.serves(p, mariadbDir)).toList();
    }

    /** Ends the service and its database, however they were left. */
    public void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
        StrayServer.stopAll(dataDir.resolve("mariadb"));
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * The application's and the tests' classes: this JVM's class path, or, when a launcher loaded them with a class
     * loader of its own (Maven's exec:java runs the benchmark so, in Maven's JVM), that loader's.
     */
    private static String classPath() {
        if (ServiceProcess.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs()).map(url -> {
                try {
                    return Path.of(url.toURI()).toString();
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
