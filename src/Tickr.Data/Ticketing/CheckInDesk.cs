using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tickr.Data.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Ticketing;

/// <summary>A check-in list as the door needs it: its event, the event's organization, its name and the types it admits.</summary>
/// <param name="ListId">The list.</param>
/// <param name="EventId">Its event.</param>
/// <param name="OrganizationId">The event's organization (whose staff may scan at this list).</param>
/// <param name="Name">The list's name (the gate).</param>
/// <param name="TicketTypeIds">The ticket types it admits; empty means every type of the event.</param>
public sealed record CheckInGate(Guid ListId, Guid EventId, Guid OrganizationId, string Name, IReadOnlyList<Guid> TicketTypeIds)
{
    public bool Admits(Guid ticketTypeId) => TicketTypeIds.Count == 0 || TicketTypeIds.Contains(ticketTypeId);
}

/// <summary>One scan: the QR token read, when the scanner saw it (its own clock) and the gate it stands at (null: none named).</summary>
public sealed record TicketScan(string? Token, DateTimeOffset ScannedAt, string? Gate = null);

/// <summary>Who scanned: the device, the staff member (null for an API key), and from where.</summary>
public sealed record ScanSource(string DeviceId, Guid? StaffUserId, string? IpAddress);

/// <summary>What the gate shows about the scanned ticket.</summary>
public sealed record ScannedTicket(Guid TicketId, Guid TicketTypeId, string TicketTypeName, string HolderEmail);

/// <summary>A recorded admission: when it was scanned and recorded, at which list, by which device and at which gate (null: none named).</summary>
public sealed record CheckInRecord(Guid CheckInId, Guid ListId, string ListName, DateTimeOffset ScannedAt, DateTimeOffset RecordedAt, string DeviceId, string? Gate, bool Offline);

/// <summary>
/// The outcome of a scan. <see cref="Ticket"/> is set once the token is authentic and its ticket known;
/// <see cref="FirstCheckIn"/> for <see cref="CheckInOutcome.AlreadyCheckedIn"/> (the admission that counts);
/// <see cref="Replaced"/> when an offline scan earlier than the recorded admission took its place.
/// </summary>
public sealed record ScanResult(CheckInOutcome Outcome, ScannedTicket? Ticket, CheckInRecord? FirstCheckIn, CheckInRecord? Replaced)
{
    /// <summary>Whether the check-in counts changed (an admission was recorded or rewritten).</summary>
    public bool Changed => Outcome == CheckInOutcome.Ok;
}

/// <summary>
/// Check-in at the door: verifies a scanned token and admits its ticket at most once per check-in list, under any
/// concurrency and across server instances. The rules run in this order: a token that is not a ticket token, or whose
/// signature the event's key does not confirm, is <see cref="CheckInOutcome.InvalidSignature"/>; another event's token
/// is <see cref="CheckInOutcome.WrongEvent"/> (read before the signature is checked, so the list's key is the only one
/// needed); an unknown ticket is <see cref="CheckInOutcome.InvalidSignature"/>; a revoked ticket, or an old version of a
/// transferred one, <see cref="CheckInOutcome.Revoked"/>; an unpaid order <see cref="CheckInOutcome.NotPaid"/>; a type
/// the list does not admit <see cref="CheckInOutcome.NotValidForList"/>; then the admission is inserted and the
/// check-ins' unique key (list, ticket) decides: exactly one scan wins, every other gets
/// <see cref="CheckInOutcome.AlreadyCheckedIn"/> with the winner's time, device and gate.
/// <para>
/// Cost per scan: one SELECT (ticket, order status, type name and an existing admission, joined) and, when the ticket is
/// admissible and not yet in, one INSERT … ON CONFLICT DO NOTHING RETURNING that also writes the audit entry (a
/// data-modifying CTE on PostgreSQL; two statements in one transaction on SQLite). On PostgreSQL an online scan sends
/// both as one statement: the INSERT selects from the SELECT under the same rules, so a scan is one round trip
/// (bench/checkin/RESULTS.md). A scan that loses the race reads the winner once more. The statements are plain ADO.NET commands on the context's connection: no tracking, no model work.
/// </para>
/// <para>
/// Offline uploads keep the scanner's time, and the earliest scan wins: an upload whose scan is earlier than the
/// admission recorded (by another device that synchronised first) rewrites that admission with its own time, device, gate
/// and staff member (a conditional UPDATE, so of two racing uploads the earlier still wins) and reports the later one as
/// <see cref="ScanResult.Replaced"/>; an upload later than the recorded one is <see cref="CheckInOutcome.AlreadyCheckedIn"/>.
/// Both scans are in the audit log either way.
/// </para>
/// </summary>
public static class CheckInDesk
{
    /// <summary>The audit action of an admission.</summary>
    public const string CheckedInAction = "ticket.checked-in";

    /// <summary>The audit action of an offline scan replacing a later recorded admission.</summary>
    public const string ReplacedAction = "ticket.check-in-replaced";

    /// <summary>At most this many scans per offline upload.</summary>
    public const int MaxOfflineBatch = 500;

    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    /// <summary>The list with its event's organization and admitted types, or null when there is no such list.</summary>
    public static async Task<CheckInGate?> FindGateAsync(TickrDbContext db, Guid listId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await (
                from l in db.CheckInLists.AsNoTracking()
                where l.Id == listId
                join e in db.Events on l.EventId equals e.Id
                select new { l.Id, l.EventId, e.OrganizationId, l.Name, Types = l.TicketTypes.Select(t => t.TicketTypeId).ToList() })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : new CheckInGate(row.Id, row.EventId, row.OrganizationId, row.Name, row.Types);
    }

    /// <summary>
    /// Checks one scan at <paramref name="gate"/> and admits its ticket if it may enter (see the class). An online scan
    /// (<paramref name="offline"/> false) is decided by arrival; an offline one by the earliest scan time.
    /// </summary>
    /// <param name="db">A context of its own (its connection is used directly).</param>
    /// <param name="gate">The list, from <see cref="FindGateAsync"/>.</param>
    /// <param name="eventKey">The list's event's signing key (the public part is enough).</param>
    /// <param name="scan">The token and the scan time.</param>
    /// <param name="source">Device, staff member and address, for the admission and the audit log.</param>
    /// <param name="offline">True for a scan uploaded after the fact.</param>
    /// <param name="now">The server's time.</param>
    /// <param name="cancellationToken">Cancels the scan (nothing is written unless the INSERT completed).</param>
    public static async Task<ScanResult> ScanAsync(
        TickrDbContext db,
        CheckInGate gate,
        EventSigningKey eventKey,
        TicketScan scan,
        ScanSource source,
        bool offline,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(eventKey);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(source);
        if (!TicketToken.TryReadClaims(scan.Token, out var claimed))
        {
            return Refused(CheckInOutcome.InvalidSignature);
        }
        if (claimed.EventId != gate.EventId)
        {
            return Refused(CheckInOutcome.WrongEvent);
        }
        var verification = eventKey.Verify(scan.Token);
        if (!verification.IsValid)
        {
            return Refused(CheckInOutcome.InvalidSignature);
        }
        var claims = verification.Claims;
        var sql = new Sql(db);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Two rounds at most: a lost race (the row appeared or changed between the read and the write) reads again.
            for (var attempt = 0; ; attempt++)
            {
                var scannedAt = scan.ScannedAt.ToUniversalTime();
                // An online scan on PostgreSQL reads and admits in one statement (the admission inserted only when the
                // rules below would let it in); the rules are then applied to what it read, exactly as after a read.
                CheckIn? tried = null;
                var admitted = false;
                (ScannedTicket Ticket, string Status, int Version, string OrderStatus, CheckInRecord? Existing)? found;
                if (attempt == 0 && !offline && sql.IsPostgres)
                {
                    tried = CheckIn.Record(gate.ListId, claims.TicketId, gate.EventId, scannedAt, now, source.DeviceId, scan.Gate, source.StaffUserId, offline);
                    (found, admitted) = await LookUpAndAdmitAsync(sql, gate, claims.Version, tried, source, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    found = await LookUpAsync(sql, gate, claims.TicketId, cancellationToken).ConfigureAwait(false);
                }
                if (found is null)
                {
                    return Refused(CheckInOutcome.InvalidSignature);
                }
                var (ticket, status, version, orderStatus, existing) = found.Value;
                if (status != "valid" || version != claims.Version)
                {
                    return new ScanResult(CheckInOutcome.Revoked, ticket, null, null);
                }
                if (orderStatus != "paid")
                {
                    return new ScanResult(CheckInOutcome.NotPaid, ticket, null, null);
                }
                if (!gate.Admits(ticket.TicketTypeId))
                {
                    return new ScanResult(CheckInOutcome.NotValidForList, ticket, null, null);
                }
                if (existing is not null)
                {
                    if (!offline || existing.ScannedAt <= scannedAt)
                    {
                        return new ScanResult(CheckInOutcome.AlreadyCheckedIn, ticket, existing, null);
                    }
                    if (await ReplaceAsync(sql, gate, ticket, existing, scannedAt, scan, source, now, cancellationToken).ConfigureAwait(false))
                    {
                        return new ScanResult(CheckInOutcome.Ok, ticket, null, existing);
                    }
                }
                else if (tried is not null)
                {
                    // Not admitted although the rules let it in: another scan's admission won the unique key meanwhile.
                    if (admitted)
                    {
                        return new ScanResult(CheckInOutcome.Ok, ticket, null, null);
                    }
                }
                else
                {
                    var admission = CheckIn.Record(gate.ListId, ticket.TicketId, gate.EventId, scannedAt, now, source.DeviceId, scan.Gate, source.StaffUserId, offline);
                    if (await InsertAsync(sql, gate, admission, source, cancellationToken).ConfigureAwait(false))
                    {
                        return new ScanResult(CheckInOutcome.Ok, ticket, null, null);
                    }
                }
                if (attempt == 2)
                {
                    // Only a storm of offline rewrites of one ticket gets here; what is recorded now is the answer.
                    var latest = await LookUpAsync(sql, gate, claims.TicketId, cancellationToken).ConfigureAwait(false);
                    return new ScanResult(CheckInOutcome.AlreadyCheckedIn, ticket, latest?.Existing, null);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static ScanResult Refused(CheckInOutcome outcome) => new(outcome, null, null, null);

    private const string LookUpSql = """
        SELECT t.ticket_type_id, tt.name, t.holder_email, t.status, t.version, o.status,
               c.id, c.scanned_at, c.recorded_at, c.device_id, c.offline, c.gate
        FROM tickets t
        JOIN orders o ON o.id = t.order_id
        JOIN ticket_types tt ON tt.id = t.ticket_type_id
        LEFT JOIN check_ins c ON c.check_in_list_id = @list AND c.ticket_id = t.id
        WHERE t.id = @ticket AND t.event_id = @event
        """;

    private static async Task<(ScannedTicket Ticket, string Status, int Version, string OrderStatus, CheckInRecord? Existing)?> LookUpAsync(
        Sql sql, CheckInGate gate, Guid ticketId, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(LookUpSql);
        sql.Add(command, "list", gate.ListId);
        sql.Add(command, "ticket", ticketId);
        sql.Add(command, "event", gate.EventId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var ticket = new ScannedTicket(ticketId, reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
        var existing = reader.IsDBNull(6)
            ? null
            : new CheckInRecord(reader.GetGuid(6), gate.ListId, gate.Name, sql.ReadInstant(reader, 7), sql.ReadInstant(reader, 8), reader.GetString(9), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetBoolean(10));
        return (ticket, reader.GetString(3), reader.GetInt32(4), reader.GetString(5), existing);
    }

    // PostgreSQL, online scans: the look-up, and the admission with its audit row inserted only when the rules of
    // ScanAsync admit the ticket as read (valid, this version, paid order, a type the list admits, not yet in).
    private const string PostgresLookUpAndAdmitSql = """
        WITH t AS (
            SELECT t.ticket_type_id, tt.name, t.holder_email, t.status, t.version, o.status AS order_status,
                   c.id AS check_in_id, c.scanned_at, c.recorded_at, c.device_id, c.offline, c.gate
            FROM tickets t
            JOIN orders o ON o.id = t.order_id
            JOIN ticket_types tt ON tt.id = t.ticket_type_id
            LEFT JOIN check_ins c ON c.check_in_list_id = @list AND c.ticket_id = t.id
            WHERE t.id = @ticket AND t.event_id = @event),
        ins AS (
            INSERT INTO check_ins (id, check_in_list_id, ticket_id, event_id, scanned_at, recorded_at, device_id, gate, staff_user_id, offline)
            SELECT @id, @list, @ticket, @event, @scanned, @now, @device, @gate, @staff, @offline FROM t
            WHERE t.status = 'valid' AND t.version = @version AND t.order_status = 'paid' AND t.check_in_id IS NULL
              AND (cardinality(@types) = 0 OR t.ticket_type_id = ANY (@types))
            ON CONFLICT (check_in_list_id, ticket_id) DO NOTHING
            RETURNING id),
        audit AS (
            INSERT INTO audit_entries (id, at, actor_id, action, organization_id, event_id, subject_id, details, ip_address)
            SELECT @audit, @at, @staff, @action, @organization, @event, @ticket, @details, @ip FROM ins)
        SELECT t.*, (SELECT count(*) FROM ins) FROM t
        """;

    private static async Task<((ScannedTicket Ticket, string Status, int Version, string OrderStatus, CheckInRecord? Existing)? Found, bool Admitted)> LookUpAndAdmitAsync(
        Sql sql, CheckInGate gate, int version, CheckIn admission, ScanSource source, CancellationToken cancellationToken)
    {
        var details = JsonSerializer.Serialize(new { ListId = gate.ListId, List = gate.Name, admission.DeviceId, admission.Gate, admission.ScannedAt, admission.Offline });
        await using var command = sql.Command(PostgresLookUpAndAdmitSql);
        AddAdmission(sql, command, admission);
        AddAudit(sql, command, gate, source, CheckedInAction, admission.RecordedAt, details);
        var versionParameter = command.CreateParameter();
        versionParameter.ParameterName = "version";
        versionParameter.DbType = DbType.Int32;
        versionParameter.Value = version;
        command.Parameters.Add(versionParameter);
        var types = command.CreateParameter();
        types.ParameterName = "types";
        types.Value = gate.TicketTypeIds.ToArray(); // uuid[]
        command.Parameters.Add(types);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, false);
        }
        var ticket = new ScannedTicket(admission.TicketId, reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
        var existing = reader.IsDBNull(6)
            ? null
            : new CheckInRecord(reader.GetGuid(6), gate.ListId, gate.Name, sql.ReadInstant(reader, 7), sql.ReadInstant(reader, 8), reader.GetString(9), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetBoolean(10));
        return ((ticket, reader.GetString(3), reader.GetInt32(4), reader.GetString(5), existing), reader.GetInt64(12) == 1);
    }

    private const string InsertColumns = """
        INSERT INTO check_ins (id, check_in_list_id, ticket_id, event_id, scanned_at, recorded_at, device_id, gate, staff_user_id, offline)
        VALUES (@id, @list, @ticket, @event, @scanned, @now, @device, @gate, @staff, @offline)
        ON CONFLICT (check_in_list_id, ticket_id) DO NOTHING
        RETURNING id
        """;

    private const string AuditColumns = """
        INSERT INTO audit_entries (id, at, actor_id, action, organization_id, event_id, subject_id, details, ip_address)
        """;

    // PostgreSQL: one statement. The audit row is inserted only when the admission was (it selects from the CTE).
    private const string PostgresInsertSql = "WITH ins AS (" + InsertColumns + "), audit AS (" + AuditColumns + """
         SELECT @audit, @at, @staff, @action, @organization, @event, @ticket, @details, @ip FROM ins)
        SELECT count(*) FROM ins
        """;

    private const string SqliteAuditSql = AuditColumns + " VALUES (@audit, @at, @staff, @action, @organization, @event, @ticket, @details, @ip)";

    private static async Task<bool> InsertAsync(Sql sql, CheckInGate gate, CheckIn admission, ScanSource source, CancellationToken cancellationToken)
    {
        var details = JsonSerializer.Serialize(new { ListId = gate.ListId, List = gate.Name, admission.DeviceId, admission.Gate, admission.ScannedAt, admission.Offline });
        if (sql.IsPostgres)
        {
            await using var command = sql.Command(PostgresInsertSql);
            AddAdmission(sql, command, admission);
            AddAudit(sql, command, gate, source, CheckedInAction, admission.RecordedAt, details);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        await using var transaction = await sql.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = sql.Command(InsertColumns, transaction))
        {
            AddAdmission(sql, insert, admission);
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }
        await using (var audit = sql.Command(SqliteAuditSql, transaction))
        {
            sql.Add(audit, "ticket", admission.TicketId);
            sql.Add(audit, "event", admission.EventId);
            sql.Add(audit, "staff", admission.StaffUserId);
            AddAudit(sql, audit, gate, source, CheckedInAction, admission.RecordedAt, details);
            await audit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private const string ReplaceSql = """
        UPDATE check_ins SET scanned_at = @scanned, recorded_at = @now, device_id = @device, gate = @gate, staff_user_id = @staff, offline = @offline
        WHERE id = @id AND scanned_at > @scanned
        """;

    private static async Task<bool> ReplaceAsync(
        Sql sql, CheckInGate gate, ScannedTicket ticket, CheckInRecord existing, DateTimeOffset scannedAt, TicketScan scan, ScanSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var admission = CheckIn.Record(gate.ListId, ticket.TicketId, gate.EventId, scannedAt, now, source.DeviceId, scan.Gate, source.StaffUserId, true);
        var transaction = await sql.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await using (var update = sql.Command(ReplaceSql, transaction))
            {
                sql.Add(update, "id", existing.CheckInId);
                sql.Add(update, "scanned", scannedAt);
                sql.Add(update, "now", now);
                sql.Add(update, "device", admission.DeviceId);
                sql.Add(update, "gate", admission.Gate);
                sql.Add(update, "staff", source.StaffUserId);
                sql.Add(update, "offline", true);
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }
            await using (var audit = sql.Command(SqliteAuditSql, transaction))
            {
                sql.Add(audit, "ticket", ticket.TicketId);
                sql.Add(audit, "event", gate.EventId);
                sql.Add(audit, "staff", source.StaffUserId);
                var details = JsonSerializer.Serialize(new
                {
                    ListId = gate.ListId, List = gate.Name, admission.DeviceId, admission.Gate, ScannedAt = scannedAt, Offline = true,
                    Replaced = new { existing.DeviceId, existing.Gate, existing.ScannedAt, existing.RecordedAt, existing.Offline },
                });
                AddAudit(sql, audit, gate, source, ReplacedAction, now, details);
                await audit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private static void AddAdmission(Sql sql, DbCommand command, CheckIn admission)
    {
        sql.Add(command, "id", admission.Id);
        sql.Add(command, "list", admission.CheckInListId);
        sql.Add(command, "ticket", admission.TicketId);
        sql.Add(command, "event", admission.EventId);
        sql.Add(command, "scanned", admission.ScannedAt);
        sql.Add(command, "now", admission.RecordedAt);
        sql.Add(command, "device", admission.DeviceId);
        sql.Add(command, "gate", admission.Gate);
        sql.Add(command, "staff", admission.StaffUserId);
        sql.Add(command, "offline", admission.Offline);
    }

    private static void AddAudit(Sql sql, DbCommand command, CheckInGate gate, ScanSource source, string action, DateTimeOffset at, string details)
    {
        sql.Add(command, "audit", Guid.CreateVersion7(at));
        sql.Add(command, "at", at);
        sql.Add(command, "action", action);
        sql.Add(command, "organization", gate.OrganizationId);
        sql.Add(command, "details", details);
        sql.Add(command, "ip", source.IpAddress);
    }

    /// <summary>
    /// Commands on the context's connection with parameters in each provider's storage form: on SQLite, EF stores
    /// GUIDs as upper-case text and instants as <see cref="DateTimeOffsetToBinaryConverter"/> integers, so the raw
    /// statements bind and read them the same way.
    /// </summary>
    private sealed class Sql(TickrDbContext db)
    {
        public bool IsPostgres { get; } = db.Provider == DatabaseProvider.PostgreSql;

        public DbConnection Connection { get; } = db.Database.GetDbConnection();

        public DbCommand Command(string text, DbTransaction? transaction = null)
        {
            var command = Connection.CreateCommand();
            command.CommandText = text;
            command.Transaction = transaction ?? db.Database.CurrentTransaction?.GetDbTransaction();
            return command;
        }

        public void Add(DbCommand command, string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            switch (value)
            {
                case Guid g:
                    parameter.DbType = IsPostgres ? DbType.Guid : DbType.String;
                    parameter.Value = IsPostgres ? g : g.ToString().ToUpperInvariant();
                    break;
                case DateTimeOffset t:
                    parameter.DbType = IsPostgres ? DbType.DateTimeOffset : DbType.Int64;
                    parameter.Value = IsPostgres ? t.ToUniversalTime() : SqliteInstant.ConvertToProvider(t.ToUniversalTime())!;
                    break;
                case bool b:
                    parameter.DbType = DbType.Boolean;
                    parameter.Value = b;
                    break;
                case string s:
                    parameter.DbType = DbType.String;
                    parameter.Value = s;
                    break;
                case null:
                    // Only nullable uuids and strings are passed as null here (staff user, gate, IP address).
                    parameter.DbType = name == "staff" && IsPostgres ? DbType.Guid : DbType.String;
                    parameter.Value = DBNull.Value;
                    break;
                default:
                    throw new ArgumentException($"No binding for {value.GetType().Name}.", nameof(value));
            }
            command.Parameters.Add(parameter);
        }

        public DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
            IsPostgres ? reader.GetFieldValue<DateTimeOffset>(ordinal) : (DateTimeOffset)SqliteInstant.ConvertFromProvider(reader.GetInt64(ordinal))!;
    }
}
