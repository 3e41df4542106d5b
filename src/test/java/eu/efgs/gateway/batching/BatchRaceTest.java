package eu.efgs.gateway.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.ConflictRetry;
import eu.efgs.gateway.platform.database.Transactions;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestClock;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a Galera cluster, another node's batch can take the very name this instance is writing (it was committed there
 * while this transaction was being aborted for it). Here that batch is committed from a second connection just
 * before the batch row is inserted: the duplicate name is a race lost, and the batch is made again after the winner.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class BatchRaceTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    @Inject
    PayloadCipher cipher;

    @Inject
    TestClock clock;

    @Inject
    TestData data;

    @BeforeEach
    @AfterEach
    void noBatches() {
        data.reset();
    }

    @Test
    void aBatchNameTakenConcurrentlyIsARaceLostAndTheBatchIsMadeAgainAfterTheWinner() {
        TestCountry nl = TestCountry.onboard(onboarding, "NL");
        String tag = TestCountry.newTag();
        nl.upload(tag, TestKeys.keys("NL", 20)).then().statusCode(201);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String winner = BatchNames.tag(today, 1);
        Transactions transactions = new Transactions(beforeBatchInsert(() -> Db.update(db, "INSERT INTO "
                + "download_batch (batch_tag, batch_date, sequence, created_at, key_count) VALUES (?, ?, 1, NOW(6), 0)",
                winner, today)), new ConflictRetry(new ConflictRetry.Policy(3, Duration.ZERO, Duration.ZERO)));

        BatchMaker.CreatedBatch created = new BatchMaker(transactions, cipher, 5000, clock, List.of()).createNext()
                .orElseThrow();

        assertEquals(BatchNames.tag(today, 2), created.batchTag());
        assertEquals(List.of(List.of(winner, created.batchTag()), List.of(created.batchTag(), "")),
                Db.query(db, "SELECT batch_tag, COALESCE(next_batch_tag, '') FROM download_batch ORDER BY sequence"));
        assertEquals(List.of(List.of(created.batchTag())), Db.query(db, "SELECT b.batch_tag FROM upload_batch u "
                + "JOIN download_batch b ON b.id = u.download_batch_id WHERE u.batch_tag = ?", tag));
    }

    /** The gateway's data source, running {@code interloper} once just before the first batch row is inserted. */
    private DataSource beforeBatchInsert(Runnable interloper) {
        AtomicBoolean done = new AtomicBoolean();
        InvocationHandler connections = (proxy, method, args) -> {
            Object result = invoke(db, method, args);
            if (!method.getName().equals("getConnection")) {
                return result;
            }
            Connection connection = (Connection) result;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (inner, call, callArgs) -> {
                        if (call.getName().equals("prepareStatement") && callArgs[0] instanceof String sql
                                && sql.startsWith("INSERT INTO download_batch ") && done.compareAndSet(false, true)) {
                            interloper.run();
                        }
                        return invoke(connection, call, callArgs);
                    });
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                connections);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
