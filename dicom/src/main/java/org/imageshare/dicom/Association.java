// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * One accepted connection, served on one pool thread: the association-acceptor side of the DICOM
 * upper layer state machine (PS3.8 9.2) and the C-ECHO / C-STORE service. Data-set fragments go
 * from the socket buffer straight into the temporary file.
 */
final class Association implements Runnable {

    private static final System.Logger LOG = System.getLogger(DicomListener.class.getName());

    private static final int MAX_ASSOCIATE_RQ_LENGTH = 256 * 1024;
    private static final int MAX_COMMAND_LENGTH = 64 * 1024;
    private static final int ABORT_SOURCE_PROVIDER = 2;
    private static final int STATUS_SUCCESS = 0x0000;
    private static final int STATUS_WARNING_MASK = 0xF000;

    private final DicomListener.Context ctx;
    private final Socket socket;
    private final long id;
    private final String idText;
    private final long startNanos = System.nanoTime();
    private final Object sendLock = new Object();

    private OutputStream out;
    private PduInput in;
    private String callingAe = "";
    private InetSocketAddress remote;
    private boolean accepted;
    private boolean released;
    private volatile boolean closedFromOutside;
    private int stored;
    private int failed;

    private Map<Integer, ContextPolicy.Accepted> contexts = Map.of();
    private byte[] commandBuffer = new byte[1024];
    private int commandLength;
    /** The request whose data set is being received, or null between requests. */
    private CommandSet pending;
    private int pendingContextId;
    private IncomingFile incoming;
    /** Where received data-set bytes gather before they are written to the file (see {@link IncomingFile}). */
    private ByteBuffer writeBuffer;
    /**
     * 64 KB: written out as the data arrive, so that when an object's last byte comes little is left to write
     * before the answer (docs/benchmarks.md, session 6: 512 KB, written mostly after the last byte, was slower).
     */
    private static final int WRITE_BUFFER = 64 * 1024;

    Association(DicomListener.Context ctx, Socket socket, long id) {
        this.ctx = ctx;
        this.socket = socket;
        this.id = id;
        this.idText = Long.toString(id);
    }

    @Override
    public void run() {
        try {
            remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis(ctx.config().requestTimeout()));
            out = socket.getOutputStream();
            in = new PduInput(socket.getInputStream(), Math.max(128 * 1024, ctx.config().maxPduLength() + 6));
            if (negotiate()) {
                socket.setSoTimeout(millis(ctx.config().idleTimeout()));
                serve();
            }
        } catch (ProtocolException e) {
            LOG.log(Level.INFO, "Association {0} from {1}: protocol error, aborting: {2}", idText, remote, e.getMessage());
            sendQuietly(Pdus.abort(ABORT_SOURCE_PROVIDER, e.abortReason()));
        } catch (SocketTimeoutException e) {
            LOG.log(Level.INFO, "Association {0} from {1}: timed out, aborting", idText, remote);
            sendQuietly(Pdus.abort(ABORT_SOURCE_PROVIDER, 0));
        } catch (IOException e) {
            if (!closedFromOutside) {
                LOG.log(Level.INFO, "Association {0} from {1}: connection lost: {2}", idText, remote, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Association " + id + ": unexpected failure, aborting", e);
            sendQuietly(Pdus.abort(ABORT_SOURCE_PROVIDER, 0));
        } finally {
            discardIncoming();
            DicomListener.closeGracefully(socket);
            if (accepted) {
                notifyEnded();
            }
            ctx.ended(this);
        }
    }

    /** Reads the A-ASSOCIATE-RQ and answers AC or RJ; true if the association is established. */
    private boolean negotiate() throws IOException, ProtocolException {
        int type = in.readPduTypeOrEof();
        if (type < 0) {
            return false;
        }
        in.readUnsignedByte();
        long length = in.readUnsignedInt();
        if (type == Pdus.A_ABORT) {
            return false;
        }
        if (type != Pdus.A_ASSOCIATE_RQ) {
            throw new ProtocolException(type <= Pdus.A_ABORT ? 2 : 1, "expected A-ASSOCIATE-RQ, got PDU type " + type);
        }
        if (length < 68 || length > MAX_ASSOCIATE_RQ_LENGTH) {
            throw new ProtocolException(6, "A-ASSOCIATE-RQ length " + length + " out of range");
        }
        byte[] body = new byte[(int) length];
        in.readFully(body, 0, body.length);
        AssociateRequest rq = AssociateRequest.parse(body);
        callingAe = rq.callingAeTitle();

        if ((rq.protocolVersion() & 1) == 0) {
            return reject(Pdus.RJ_SOURCE_ACSE, Pdus.RJ_ACSE_PROTOCOL_VERSION, "protocol version not supported");
        }
        if (!Pdus.APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return reject(Pdus.RJ_SOURCE_USER, Pdus.RJ_USER_APPLICATION_CONTEXT, "application context not supported");
        }
        if (!ctx.config().aeTitle().equals(rq.calledAeTitle())) {
            return reject(Pdus.RJ_SOURCE_USER, Pdus.RJ_USER_CALLED_AE, "called AE title not ours");
        }
        if (!ctx.isAllowed(callingAe, remote.getAddress())) {
            return reject(Pdus.RJ_SOURCE_USER, Pdus.RJ_USER_CALLING_AE, "calling AE title not on the allow-list");
        }
        ContextPolicy.Negotiated negotiated = ContextPolicy.negotiate(rq.contexts());
        contexts = negotiated.accepted();
        send(Pdus.associateAccept(rq, negotiated.results(), ctx.config().maxPduLength()));
        accepted = true;
        LOG.log(Level.DEBUG, "Association {0} accepted from {1} at {2}, {3} of {4} contexts",
                idText, callingAe, remote, contexts.size(), rq.contexts().size());
        return true;
    }

    private boolean reject(int source, int reason, String why) throws IOException {
        LOG.log(Level.INFO, "Association {0} from {1} at {2} rejected: {3}", idText, callingAe, remote, why);
        send(Pdus.associateReject(Pdus.RJ_PERMANENT, source, reason));
        return false;
    }

    /** The data transfer phase: P-DATA until release or abort. */
    private void serve() throws IOException, ProtocolException {
        while (true) {
            int type = in.readPduTypeOrEof();
            if (type < 0) {
                LOG.log(Level.INFO, "Association {0}: peer closed the connection without release", idText);
                return;
            }
            in.readUnsignedByte();
            long length = in.readUnsignedInt();
            switch (type) {
                case Pdus.P_DATA_TF -> {
                    if (length > ctx.config().maxPduLength()) {
                        throw new ProtocolException(6, "P-DATA-TF of " + length + " bytes exceeds our maximum");
                    }
                    pData(length);
                }
                case Pdus.A_RELEASE_RQ -> {
                    if (length != 4) {
                        throw new ProtocolException(6, "A-RELEASE-RQ with length " + length);
                    }
                    in.skip(4);
                    send(Pdus.releaseResponse());
                    released = true;
                    return;
                }
                case Pdus.A_ABORT -> {
                    LOG.log(Level.INFO, "Association {0}: aborted by peer", idText);
                    return;
                }
                case Pdus.A_ASSOCIATE_RQ, Pdus.A_ASSOCIATE_AC, Pdus.A_ASSOCIATE_RJ, Pdus.A_RELEASE_RP ->
                        throw new ProtocolException(2, "unexpected PDU type " + type);
                default -> throw new ProtocolException(1, "unrecognized PDU type " + type);
            }
        }
    }

    private void pData(long length) throws IOException, ProtocolException {
        long left = length;
        if (left < 6) {
            throw new ProtocolException(6, "empty P-DATA-TF");
        }
        while (left > 0) {
            if (left < 6) {
                throw new ProtocolException(6, "PDV header overruns the PDU");
            }
            long itemLength = in.readUnsignedInt();
            if (itemLength < 2 || itemLength > left - 4) {
                throw new ProtocolException(6, "PDV length " + itemLength + " overruns the PDU");
            }
            int contextId = in.readUnsignedByte();
            int control = in.readUnsignedByte();
            long valueLength = itemLength - 2;
            left -= 4 + itemLength;
            boolean last = (control & 0x02) != 0;
            if ((control & 0x01) != 0) {
                commandFragment(contextId, (int) valueLength, last);
            } else {
                dataFragment(contextId, valueLength, last);
            }
        }
    }

    private void commandFragment(int contextId, int length, boolean last) throws IOException, ProtocolException {
        if (pending != null) {
            throw new ProtocolException(5, "command fragment while a data set was expected");
        }
        if (commandLength + length > MAX_COMMAND_LENGTH) {
            throw new ProtocolException(6, "command set too long");
        }
        if (commandLength + length > commandBuffer.length) {
            commandBuffer = Arrays.copyOf(commandBuffer, Math.max(commandLength + length, commandBuffer.length * 2));
        }
        in.readFully(commandBuffer, commandLength, length);
        commandLength += length;
        if (!last) {
            return;
        }
        CommandSet command = CommandSet.parse(commandBuffer, commandLength);
        commandLength = 0;
        ContextPolicy.Accepted pc = contexts.get(contextId);
        if (pc == null) {
            throw new ProtocolException(6, "command on presentation context " + contextId + " that was not accepted");
        }
        if (command.hasDataSet()) {
            pending = command;
            pendingContextId = contextId;
            if (command.commandField() == CommandSet.C_STORE_RQ && pc.abstractSyntax().equals(command.affectedSopClassUid())) {
                if (writeBuffer == null) {
                    writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
                }
                incoming = IncomingFile.open(ctx.newTempFile(), pc, command, callingAe, writeBuffer);
            }
            return;
        }
        if (command.commandField() == CommandSet.C_ECHO_RQ) {
            respond(command, contextId, STATUS_SUCCESS, null);
        } else {
            respond(command, contextId, CommandSet.STATUS_UNRECOGNIZED_OPERATION, null);
        }
    }

    private void dataFragment(int contextId, long length, boolean last) throws IOException, ProtocolException {
        if (pending == null || contextId != pendingContextId) {
            throw new ProtocolException(5, "data fragment without a matching command");
        }
        if (incoming != null) {
            incoming.append(in, length);
        } else {
            in.skip(length);
        }
        if (last) {
            CommandSet command = pending;
            pending = null;
            complete(command, contextId);
        }
    }

    /** The whole data set is in: check it, hand it over, answer. */
    private void complete(CommandSet command, int contextId) throws IOException {
        if (command.commandField() != CommandSet.C_STORE_RQ) {
            respond(command, contextId, CommandSet.STATUS_UNRECOGNIZED_OPERATION, null);
            return;
        }
        IncomingFile file = incoming;
        incoming = null;
        if (file == null) {
            failed++;
            respond(command, contextId, CommandSet.STATUS_SOP_CLASS_NOT_SUPPORTED, "SOP class differs from the presentation context");
            return;
        }
        int status;
        String comment = null;
        try {
            status = store(file, command);
        } catch (StoreFailure e) {
            status = e.category().status();
            comment = e.category().errorComment();
        } finally {
            file.delete();
        }
        if (status == STATUS_SUCCESS || (status & STATUS_WARNING_MASK) == 0xB000) {
            stored++;
        } else {
            failed++;
        }
        respond(command, contextId, status, comment);
    }

    private int store(IncomingFile file, CommandSet command) throws StoreFailure {
        if (!file.written()) {
            throw new StoreFailure(StoreFailure.Category.OUT_OF_RESOURCES, "could not write the temporary file");
        }
        HeaderParser.Parsed parsed;
        try {
            parsed = HeaderParser.parse(file.inspect());
        } catch (DataSetWalker.MalformedDataSetException e) {
            LOG.log(Level.INFO, "Association {0}: data set of {1} not understood: {2}", idText,
                    command.affectedSopInstanceUid(), e.getMessage());
            throw new StoreFailure(StoreFailure.Category.CANNOT_UNDERSTAND, "malformed data set", e);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Association " + id + ": cannot read back the temporary file", e);
            throw new StoreFailure(StoreFailure.Category.PROCESSING_FAILURE, "cannot read back the temporary file", e);
        }
        if (!file.finish()) {
            throw new StoreFailure(StoreFailure.Category.OUT_OF_RESOURCES, "could not close the temporary file");
        }
        if (!command.affectedSopInstanceUid().equals(parsed.sopInstanceUid())
                || !command.affectedSopClassUid().equals(parsed.sopClassUid())) {
            LOG.log(Level.INFO, "Association {0}: SOP class/instance in the data set differ from the request for {1}",
                    idText, command.affectedSopInstanceUid());
            throw new StoreFailure(StoreFailure.Category.CANNOT_UNDERSTAND, "data set UIDs differ from the request");
        }
        ReceivedObject object = new ReceivedObject(id, callingAe, remote, command.affectedSopClassUid(),
                command.affectedSopInstanceUid(), file.transferSyntaxUid(), file.path(), file.size(), parsed.header());
        try {
            StoreStatus status = ctx.handler().stored(object);
            if (status == null) {
                LOG.log(Level.WARNING, "Association {0}: store handler returned no status", idText);
                throw new StoreFailure(StoreFailure.Category.PROCESSING_FAILURE, "store handler returned null");
            }
            return status.status();
        } catch (StoreFailure e) {
            LOG.log(Level.DEBUG, "Association {0}: handler refused {1} with status {2}", idText,
                    command.affectedSopInstanceUid(), Integer.toHexString(e.category().status()));
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Association " + id + ": store handler failed", e);
            throw new StoreFailure(StoreFailure.Category.PROCESSING_FAILURE, "store handler failed", e);
        }
    }

    private void respond(CommandSet command, int contextId, int status, String comment) throws IOException {
        send(Pdus.commandPData(contextId, command.response(status, comment)));
    }

    private void send(byte[] pdu) throws IOException {
        synchronized (sendLock) {
            out.write(pdu);
            out.flush();
        }
    }

    private void sendQuietly(byte[] pdu) {
        if (out == null || closedFromOutside) {
            return;
        }
        try {
            send(pdu);
        } catch (IOException e) {
            // the connection is gone already
        }
    }

    /** Called by the listener on shutdown after the grace period: A-ABORT and close. */
    void abortFromOutside() {
        closedFromOutside = true;
        synchronized (sendLock) {
            try {
                if (out != null) {
                    out.write(Pdus.abort(ABORT_SOURCE_PROVIDER, 0));
                    out.flush();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
        DicomListener.closeQuietly(socket);
    }

    private void discardIncoming() {
        if (incoming != null) {
            incoming.delete();
            incoming = null;
        }
    }

    private void notifyEnded() {
        try {
            ctx.handler().associationEnded(new AssociationSummary(id, callingAe, remote, stored, failed, released,
                    Duration.ofNanos(System.nanoTime() - startNanos)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Association " + id + ": associationEnded handler failed", e);
        }
    }

    private static int millis(Duration d) {
        return (int) d.toMillis();
    }
}
