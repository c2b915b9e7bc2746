// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The viewer benchmark's transport ceiling: an HTTP server that does nothing but send the given files, one after
 * the other, as one response body with {@code sendfile} ({@link FileChannel#transferTo}: page cache to socket,
 * no copy through this process). curl downloading from it measures what loopback TCP and curl themselves allow on
 * this machine, the upper bound of any download, ZIP or not. Not ImageShare code; one connection at a time.
 */
final class RawHttpServer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final List<Path> files;
    private final long length;
    private final Thread thread;

    RawHttpServer(List<Path> files) throws IOException {
        this.files = List.copyOf(files);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        this.length = total;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.thread = new Thread(this::serve, "raw-http");
        thread.setDaemon(true);
        thread.start();
    }

    String url() throws IOException {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort() + "/raw";
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                readRequestHead(client);
                client.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                for (Path f : files) {
                    try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long done = 0; done < size;) {
                            done += in.transferTo(done, size - done, client);
                        }
                    }
                }
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private static void readRequestHead(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
            buffer.flip();
            head.append(StandardCharsets.US_ASCII.decode(buffer));
            buffer.clear();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
