using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Ordering;

/// <summary>
/// How <see cref="InventoryStore"/> takes a pool's tickets on PostgreSQL, where many buyers take at once. Each step is
/// one statement (one round trip) that also writes the order's hold row when asked, so that a bucket stays locked
/// from its update to the commit and no longer:
/// <list type="number">
/// <item>the fast path picks a random bucket with enough free tickets that nobody else has locked
/// (<c>FOR NO KEY UPDATE SKIP LOCKED</c>), takes from it and records the hold; when it took nothing, the same statement
/// returns what the pool had free (its snapshot) and one bucket that could serve the whole quantity;</item>
/// <item>with fewer free tickets than asked in that snapshot, the pool is sold out for this order (what committed
/// reservations left was too little at that instant; nothing is locked);</item>
/// <item>else, when one bucket could serve it but was busy, it waits for that one bucket (a conditional update);</item>
/// <item>else (or when that bucket had been emptied meanwhile) it locks all of the pool's buckets in bucket order, reads
/// them and gathers the quantity from several (exact: nobody can change them any more).</item>
/// </list>
/// A statement that waited on a row may leave it locked even when its condition then failed (PostgreSQL re-checks the
/// newest version under READ COMMITTED and keeps the lock), and a transaction holding a stray bucket while locking the
/// pool in order could deadlock with another gatherer: so every step after the fast path first rolls back to a
/// savepoint taken, in the same round trip, before the fast path. A pool known to have one bucket skips straight to
/// waiting on it (holding the lowest bucket keeps the bucket order).
/// </summary>
internal static class PostgresInventory
{
    private const string Savepoint = "inventory_take";

    public static async Task TakeAsync(TickrDbContext db, Guid orderId, PoolDemand demand, bool asSold, bool record, List<OrderHold> holds, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Inventory is taken inside the caller's transaction.");
        var connection = (NpgsqlConnection)transaction.Connection!;
        var column = asSold ? "sold" : "held";
        var savepoint = false;
        short? taken = null;
        if (InventoryStore.KnownBucketCount(demand.PoolId) == 1)
        {
            taken = await TakeBucketAsync(connection, transaction, orderId, demand, bucket: 0, column, record, rollbackFirst: false, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var fast = await FastAsync(connection, transaction, orderId, demand, column, record, cancellationToken).ConfigureAwait(false);
            savepoint = true;
            taken = fast.Taken;
            if (taken is null)
            {
                if (fast.Buckets > 0)
                {
                    InventoryStore.LearnBucketCount(demand.PoolId, fast.Buckets);
                }
                if (fast.Free < demand.Quantity)
                {
                    throw InventoryStore.SoldOut(demand, fast.Free);
                }
                if (fast.Candidate is { } candidate)
                {
                    taken = await TakeBucketAsync(connection, transaction, orderId, demand, candidate, column, record, rollbackFirst: true, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        if (taken is { } bucket)
        {
            holds.Add(new OrderHold { OrderId = orderId, PoolId = demand.PoolId, Bucket = bucket, Quantity = demand.Quantity });
            return;
        }
        await GatherAsync(connection, transaction, orderId, demand, column, record, savepoint, holds, cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct FastResult(short? Taken, int Free, short? Candidate, int Buckets);

    private static async Task<FastResult> FastAsync(NpgsqlConnection connection, DbTransaction transaction, Guid orderId, PoolDemand demand, string column,
        bool record, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"""
            SAVEPOINT {Savepoint};
            WITH pick AS (
                SELECT bucket FROM inventory_buckets
                WHERE pool_id = @pool AND capacity - held - sold >= @quantity
                ORDER BY random() LIMIT 1
                FOR NO KEY UPDATE SKIP LOCKED),
            taken AS (
                UPDATE inventory_buckets SET {column} = {column} + @quantity
                WHERE pool_id = @pool AND bucket = (SELECT bucket FROM pick) AND capacity - held - sold >= @quantity
                RETURNING bucket),
            {RecordHold(record)}
            SELECT bucket, NULL::bigint, NULL::smallint, NULL::bigint FROM hold
            UNION ALL
            SELECT NULL, sum(greatest(capacity - held - sold, 0)),
                (array_agg(bucket ORDER BY random()) FILTER (WHERE capacity - held - sold >= @quantity))[1], count(*)
            FROM inventory_buckets
            WHERE pool_id = @pool AND NOT EXISTS (SELECT 1 FROM hold)
            GROUP BY pool_id
            """, orderId, demand);
        await using var reader = await FirstResultAsync(command, cancellationToken).ConfigureAwait(false);
        if (reader is null || !await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The pool has no buckets at all.
            return new FastResult(null, 0, null, 0);
        }
        return reader.IsDBNull(0)
            ? new FastResult(null, (int)reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt16(2), (int)reader.GetInt64(3))
            : new FastResult(reader.GetInt16(0), 0, null, 0);
    }

    // Waits for one bucket and takes the whole quantity from it if it still has enough.
    private static async Task<short?> TakeBucketAsync(NpgsqlConnection connection, DbTransaction transaction, Guid orderId, PoolDemand demand, short bucket,
        string column, bool record, bool rollbackFirst, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"""
            {(rollbackFirst ? $"ROLLBACK TO SAVEPOINT {Savepoint};" : "")}
            WITH taken AS (
                UPDATE inventory_buckets SET {column} = {column} + @quantity
                WHERE pool_id = @pool AND bucket = @bucket AND capacity - held - sold >= @quantity
                RETURNING bucket),
            {RecordHold(record)}
            SELECT bucket FROM hold
            """, orderId, demand);
        command.Parameters.AddWithValue("bucket", bucket);
        await using var reader = await FirstResultAsync(command, cancellationToken).ConfigureAwait(false);
        return reader is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt16(0) : null;
    }

    // The slow path: locks the pool's buckets in bucket order, then takes what each has left until the quantity is met.
    private static async Task GatherAsync(NpgsqlConnection connection, DbTransaction transaction, Guid orderId, PoolDemand demand, string column,
        bool record, bool rollbackFirst, List<OrderHold> holds, CancellationToken cancellationToken)
    {
        var free = new List<(short Bucket, int Free)>();
        await using (var command = Command(connection, transaction, $"""
            {(rollbackFirst ? $"ROLLBACK TO SAVEPOINT {Savepoint};" : "")}
            SELECT bucket, capacity - held - sold FROM inventory_buckets WHERE pool_id = @pool ORDER BY bucket FOR NO KEY UPDATE
            """, orderId, demand))
        await using (var reader = await FirstResultAsync(command, cancellationToken).ConfigureAwait(false))
        {
            while (reader is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                free.Add((reader.GetInt16(0), reader.GetInt32(1)));
            }
        }
        if (free.Count > 0)
        {
            InventoryStore.LearnBucketCount(demand.PoolId, free.Count);
        }
        var available = free.Sum(b => Math.Max(0, b.Free));
        if (available < demand.Quantity)
        {
            throw InventoryStore.SoldOut(demand, available);
        }
        var needed = demand.Quantity;
        var buckets = new List<short>();
        var quantities = new List<int>();
        foreach (var (bucket, left) in free.Where(b => b.Free > 0))
        {
            var take = Math.Min(left, needed);
            buckets.Add(bucket);
            quantities.Add(take);
            needed -= take;
            if (needed == 0)
            {
                break;
            }
        }
        // The buckets are locked: every update below succeeds.
        await using var update = Command(connection, transaction, $"""
            WITH v AS (SELECT * FROM unnest(@buckets, @quantities) AS v(bucket, quantity)),
            taken AS (
                UPDATE inventory_buckets b SET {column} = b.{column} + v.quantity
                FROM v WHERE b.pool_id = @pool AND b.bucket = v.bucket
                RETURNING b.bucket, v.quantity)
            {(record
                ? "INSERT INTO order_holds (order_id, pool_id, bucket, quantity) SELECT @order, @pool, bucket, quantity FROM taken"
                : "SELECT count(*) FROM taken")}
            """, orderId, demand);
        update.Parameters.AddWithValue("buckets", buckets.ToArray());
        update.Parameters.AddWithValue("quantities", quantities.ToArray());
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < buckets.Count; i++)
        {
            holds.Add(new OrderHold { OrderId = orderId, PoolId = demand.PoolId, Bucket = buckets[i], Quantity = quantities[i] });
        }
    }

    private static string RecordHold(bool record) => record
        ? """
          hold AS (
              INSERT INTO order_holds (order_id, pool_id, bucket, quantity)
              SELECT @order, @pool, bucket, @quantity FROM taken
              RETURNING bucket)
          """
        : "hold AS (SELECT bucket FROM taken)";

    private static NpgsqlCommand Command(NpgsqlConnection connection, DbTransaction transaction, string sql, Guid orderId, PoolDemand demand)
    {
        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("pool", demand.PoolId);
        command.Parameters.AddWithValue("quantity", demand.Quantity);
        command.Parameters.AddWithValue("order", orderId);
        return command;
    }

    // A command may begin with a savepoint statement, which returns no rows: the reader is moved to the first
    // statement that does (null when none does).
    private static async Task<NpgsqlDataReader?> FirstResultAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.FieldCount == 0)
        {
            if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                return null;
            }
        }
        return reader;
    }
}
