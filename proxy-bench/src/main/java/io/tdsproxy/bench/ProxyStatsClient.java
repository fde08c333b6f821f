package io.tdsproxy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Asks a {@link ProxyHost} for its in-process statistics (one line of {@code key=value} pairs). */
final class ProxyStatsClient {
    private final int port;

    ProxyStatsClient(int port) {
        this.port = port;
    }

    /** @param gc run a full GC first, so that heap use is live data only */
    Map<String, Long> read(boolean gc) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((gc ? "stats gc\n" : "stats\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                throw new IllegalStateException("proxy host on port " + port + " sent no statistics");
            }
            Map<String, Long> values = new LinkedHashMap<>();
            for (String pair : line.trim().split(" ")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the proxy statistics on port " + port + ": " + e.getMessage(), e);
        }
    }
}
