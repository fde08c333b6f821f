package io.tdsproxy.testkit.session;

import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.testkit.wire.TdsMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact responses to an ATTENTION that interrupts a request (MS-TDS 2.2.1.7, 4.19.2), per TDS
 * level, without relying on thread timing: either the attention is delivered before the worker
 * starts the batch (a client that sends batch and ATTENTION back to back), or the test plays the
 * event loop from a second thread once the worker is inside {@code WAITFOR}.
 *
 * <p>TDS 7.1 (jTDS) must see the acknowledgement as the end of the response with no DONE without
 * DONE_MORE before it; TDS 7.2+ (mssql-jdbc) must see DONE(DONE_ERROR) ending the response and the
 * acknowledgement as the next message. {@link RequestRunner} says why.
 */
class AttentionTest {
    private static final String WAIT_AN_HOUR = "WAITFOR DELAY '01:00:00'";
    private static final String SELECT_THEN_WAIT = "SELECT 1 AS one; " + WAIT_AN_HOUR;

    @Test
    void tds71AttentionSentRightAfterTheBatchEndsTheResponseWithTheAcknowledgement() throws Exception {
        HeldExecutor workers = new HeldExecutor();
        try (ConnectionHarness h = new ConnectionHarness(workers)) {
            login71(h);
            workers.hold();
            h.batch(WAIT_AN_HOUR, false);
            attention(h);
            workers.release();
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_1))).containsExactly(DoneStatus.ATTN);
            assertNothingMoreThenUsable(h, TokenFormat.TDS_7_1, false);
        }
    }

    @Test
    void tds74AttentionSentRightAfterTheBatchEndsTheResponseWithDoneErrorThenTheAcknowledgement() throws Exception {
        HeldExecutor workers = new HeldExecutor();
        try (ConnectionHarness h = new ConnectionHarness(workers)) {
            h.loggedIn();
            workers.hold();
            h.batch(WAIT_AN_HOUR, true);
            attention(h);
            workers.release();
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_2))).containsExactly(DoneStatus.ERROR);
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_2))).containsExactly(DoneStatus.ATTN);
            assertNothingMoreThenUsable(h, TokenFormat.TDS_7_2, true);
        }
    }

    @Test
    void tds71AttentionDuringWaitforKeepsDoneMoreOnTheFinishedStatementAndEndsWithTheAcknowledgement()
            throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            login71(h);
            attentionOnceWaiting(h, () -> h.batch(SELECT_THEN_WAIT, false));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_1);
            assertThat(types(tokens)).containsExactly(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONE,
                    TokenType.DONE);
            assertThat(tokens.get(2).as(Done.class).status()).isEqualTo(DoneStatus.MORE | DoneStatus.COUNT);
            assertThat(tokens.get(3).as(Done.class).status()).isEqualTo(DoneStatus.ATTN);
            assertNothingMoreThenUsable(h, TokenFormat.TDS_7_1, false);
        }
    }

    @Test
    void tds74AttentionDuringWaitforEndsWithDoneErrorThenTheAcknowledgement() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            attentionOnceWaiting(h, () -> h.batch(SELECT_THEN_WAIT, true));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(types(tokens)).containsExactly(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONE,
                    TokenType.DONE);
            assertThat(tokens.get(2).as(Done.class).status()).isEqualTo(DoneStatus.MORE | DoneStatus.COUNT);
            assertThat(tokens.get(3).as(Done.class).status()).isEqualTo(DoneStatus.ERROR);
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_2))).containsExactly(DoneStatus.ATTN);
            assertNothingMoreThenUsable(h, TokenFormat.TDS_7_2, true);
        }
    }

    @Test
    void tds71AttentionAfterTheResponseIsAcknowledgedByItsOwnMessage() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            login71(h);
            h.batch("SELECT 1 AS one", false);
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_1))).containsExactly(DoneStatus.COUNT);
            attention(h);
            assertThat(statuses(h.next().tokens(TokenFormat.TDS_7_1))).containsExactly(DoneStatus.ATTN);
            assertNothingMoreThenUsable(h, TokenFormat.TDS_7_1, false);
        }
    }

    private static void login71(ConnectionHarness h) {
        h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD)
                .tdsVersion(Login7.TDS_7_1).packetSize(0));
        h.next().payload().release();
    }

    private static void attention(ConnectionHarness h) {
        h.send(PacketType.ATTENTION, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Runs {@code request} on this thread, the worker (the harness runs worker tasks in place), while
     * a second thread, standing in for the event loop, delivers an ATTENTION once this thread waits
     * inside {@code WAITFOR}. The second thread touches only the connection's attention path, which
     * is what the real event loop does while a worker runs.
     */
    private static void attentionOnceWaiting(ConnectionHarness h, Runnable request) throws Exception {
        Thread worker = Thread.currentThread();
        AtomicBoolean requestDone = new AtomicBoolean();
        Thread eventLoop = new Thread(() -> {
            if (awaitSleeping(worker, requestDone)) {
                h.connection.onMessage(new TdsMessage(PacketType.ATTENTION.code(), PacketStatus.EOM,
                        Unpooled.EMPTY_BUFFER));
            }
        }, "attention-sender");
        eventLoop.start();
        try {
            request.run();
        } finally {
            requestDone.set(true);
            eventLoop.join();
        }
    }

    /**
     * Waits until {@code worker} waits in {@link RequestControl#sleep} (true) or the request ended
     * without getting there (false, and the test's assertions then fail on the response).
     */
    private static boolean awaitSleeping(Thread worker, AtomicBoolean requestDone) {
        while (!requestDone.get()) {
            if (Arrays.stream(worker.getStackTrace()).anyMatch(f ->
                    f.getClassName().equals(RequestControl.class.getName()) && f.getMethodName().equals("sleep"))) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** No stray message follows (a second acknowledgement would desynchronise the client), and a query works. */
    private static void assertNothingMoreThenUsable(ConnectionHarness h, TokenFormat format, boolean allHeaders) {
        assertThat(h.next()).isNull();
        h.batch("SELECT 42 AS answer", allHeaders);
        List<Token> tokens = h.next().tokens(format);
        assertThat(((Object[]) tokens.get(1).value())[0]).isEqualTo(42);
        assertThat(statuses(tokens)).containsExactly(DoneStatus.COUNT);
    }

    private static List<TokenType> types(List<Token> tokens) {
        return tokens.stream().map(Token::type).collect(Collectors.toList());
    }

    /** The statuses of the DONE-family tokens, in order. */
    private static List<Integer> statuses(List<Token> tokens) {
        return tokens.stream().filter(t -> t.value() instanceof Done).map(t -> t.as(Done.class).status())
                .collect(Collectors.toList());
    }

    /** Runs worker tasks in place, except while held: then it queues them until released. */
    private static final class HeldExecutor implements Executor {
        private final Queue<Runnable> held = new ArrayDeque<>();
        private boolean holding;

        @Override
        public void execute(Runnable task) {
            if (holding) {
                held.add(task);
            } else {
                task.run();
            }
        }

        void hold() {
            holding = true;
        }

        void release() {
            holding = false;
            Runnable task;
            while ((task = held.poll()) != null) {
                task.run();
            }
        }
    }
}
