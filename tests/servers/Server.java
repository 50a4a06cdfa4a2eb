// SPDX-License-Identifier: GPL-2.0-or-later
// A tiny HTTP server on the JDK's com.sun.net.httpserver, for tests/210-servers-java.bats.
// Run as a single-file program: java Server.java ADDRESS PORT. It says who it runs as, so
// the test can tell the answer came from the JVM under privbind, as the unprivileged user.
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Server {
	public static void main(String[] args) throws Exception {
		InetSocketAddress where = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
		HttpServer server = HttpServer.create(where, 16);
		server.createContext("/", exchange -> {
			byte[] body = ("java user.name=" + System.getProperty("user.name") + "\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		System.out.println("listening on " + server.getAddress());
	}
}
