using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ticketing;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Ticketing;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Scanning tickets at the door, live or uploaded after an offline session.</summary>
[MutationType]
public sealed class CheckInMutations
{
    /// <summary>How far ahead of the server's clock a scanner's clock may be.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Scans a ticket's QR token at a check-in list (gate). The `result` says whether to let the holder in: OK admits
    /// them (exactly one scan of a ticket per list is ever OK, whatever the number of scanners and servers); any other
    /// value refuses, with the first admission's time, list, gate and device for ALREADY_CHECKED_IN. The organization's staff
    /// (any member, or a READ_WRITE API key) only.
    /// </summary>
    /// <param name="input">The token, the list, the scanning device and its gate.</param>
    /// <param name="context">The request.</param>
    public async Task<CheckInPayload> CheckInAsync(CheckInInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var desk = await OpenDeskAsync(context, input.ListId, input.DeviceId);
        if (desk.Error is { } error)
        {
            return new CheckInPayload(null, [UserError.As<ICheckInError>(error)]);
        }
        await using (desk.Db)
        {
            var scannedAt = input.ScannedAt ?? desk.Now;
            if (scannedAt > desk.Now + ClockTolerance)
            {
                return new CheckInPayload(null, [new InvalidInputError("INVALID_VALUE", "scannedAt is in the future: check the scanner's clock.", "scannedAt")]);
            }
            if (GateError(input.Gate, "gate") is { } gateError)
            {
                return new CheckInPayload(null, [gateError]);
            }
            ScanResult result;
            try
            {
                result = await CheckInDesk.ScanAsync(desk.Db, desk.Gate, desk.Key, new TicketScan(input.Token, scannedAt, input.Gate), desk.Source, offline: false, desk.Now, context.CancellationToken);
            }
            catch (DbException e) when (DatabaseErrors.IsForeignKeyViolation(e))
            {
                if (!await ListGoneAsync(context, desk.Gate))
                {
                    throw;
                }
                return new CheckInPayload(null, [ListNotFound(input.ListId)]);
            }
            if (result.Changed)
            {
                context.Services.GetRequiredService<LiveUpdates>().CheckInsChanged(desk.Gate.EventId);
            }
            return new CheckInPayload(new ScanOutcome(0, result), []);
        }
    }

    /// <summary>
    /// Uploads scans made while a scanner was offline (it verified the tokens itself with `Event.ticketPublicKey` and
    /// let people in): at most 500 per call. Each scan is checked as `checkIn` would, keeping the time it was made;
    /// the results come back in the order of `scans`. When a ticket was scanned by several devices, the earliest scan
    /// is the admission that counts: a later one is ALREADY_CHECKED_IN (showing the earlier), an earlier one replaces
    /// the admission already recorded and reports it as `replacedCheckIn`. Nothing is lost: every conflict is in the
    /// results and in the audit log.
    /// </summary>
    /// <param name="input">The list, the device and its scans.</param>
    /// <param name="context">The request.</param>
    public async Task<UploadOfflineScansPayload> UploadOfflineScansAsync(UploadOfflineScansInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var desk = await OpenDeskAsync(context, input.ListId, input.DeviceId);
        if (desk.Error is { } error)
        {
            return new UploadOfflineScansPayload(null, [UserError.As<IUploadOfflineScansError>(error)]);
        }
        await using (desk.Db)
        {
            if (input.Scans.Count is 0 or > CheckInDesk.MaxOfflineBatch)
            {
                return new UploadOfflineScansPayload(null, [new InvalidInputError("INVALID_VALUE", $"Upload 1 to {CheckInDesk.MaxOfflineBatch} scans at a time.", "scans")]);
            }
            for (var i = 0; i < input.Scans.Count; i++)
            {
                if (input.Scans[i].ScannedAt > desk.Now + ClockTolerance)
                {
                    return new UploadOfflineScansPayload(null,
                        [new InvalidInputError("INVALID_VALUE", $"scans[{i}].scannedAt is in the future: check the scanner's clock.", $"scans[{i}].scannedAt")]);
                }
                if (GateError(input.Scans[i].Gate, $"scans[{i}].gate") is { } gateError)
                {
                    return new UploadOfflineScansPayload(null, [gateError]);
                }
            }
            // Earliest first, so that a ticket scanned twice within the batch is admitted by its first scan.
            var order = Enumerable.Range(0, input.Scans.Count).OrderBy(i => input.Scans[i].ScannedAt).ThenBy(i => i);
            var results = new ScanOutcome[input.Scans.Count];
            var changed = false;
            try
            {
                foreach (var i in order)
                {
                    var scan = input.Scans[i];
                    var result = await CheckInDesk.ScanAsync(desk.Db, desk.Gate, desk.Key, new TicketScan(scan.Token, scan.ScannedAt, scan.Gate), desk.Source, offline: true, desk.Now, context.CancellationToken);
                    changed |= result.Changed;
                    results[i] = new ScanOutcome(i, result);
                }
            }
            catch (DbException e) when (DatabaseErrors.IsForeignKeyViolation(e) && !changed)
            {
                // A deleted list has no admissions: the first admission of the batch is where its absence shows.
                if (!await ListGoneAsync(context, desk.Gate))
                {
                    throw;
                }
                return new UploadOfflineScansPayload(null, [ListNotFound(input.ListId)]);
            }
            if (changed)
            {
                context.Services.GetRequiredService<LiveUpdates>().CheckInsChanged(desk.Gate.EventId);
            }
            return new UploadOfflineScansPayload(results, []);
        }
    }

    // A gate is optional; one given is 1 to 50 characters once trimmed (CheckIn.Record's rule, answered as input errors).
    private static InvalidInputError? GateError(string? gate, string field) =>
        gate is not null && (string.IsNullOrWhiteSpace(gate) || gate.Trim().Length > CheckIn.GateMaxLength)
            ? new InvalidInputError("INVALID_VALUE", $"{field} must be 1 to {CheckIn.GateMaxLength} characters: the entrance's name, or no gate at all.", field)
            : null;

    private static NotFoundError ListNotFound(string listId) => new("No check-in list with this id in your organizations.", listId);

    // An admission failed on a foreign key: the list remembered by CheckInDoor may have been deleted (through another
    // instance) since; forget it and read it again. True when it is gone: the scan answers as for an unknown list.
    private static async Task<bool> ListGoneAsync(IResolverContext context, CheckInGate gate)
    {
        var door = context.Services.GetRequiredService<CheckInDoor>();
        door.Forget(gate.ListId);
        return await door.GateAsync(gate.ListId, context.CancellationToken) is null;
    }

    private sealed record Desk(TickrDbContext Db, CheckInGate Gate, EventSigningKey Key, ScanSource Source, DateTimeOffset Now, IUserError? Error);

    // The list and the caller's right to scan at it: NotFound for an unknown list or one of another organization,
    // NotAuthorized for a member (or API key) that may not scan. The context is the caller's to dispose on success.
    private static async Task<Desk> OpenDeskAsync(IResolverContext context, string listId, string deviceId)
    {
        var access = context.GetAccess();
        if (!access.Actor.IsAuthenticated)
        {
            throw new GraphQLException("Scanning requires a signed-in member of the event's organization or an API key.", TickrErrorCodes.Unauthenticated);
        }
        var id = Ids.Require(listId, CheckInListNode.TypeName, "input.listId");
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Trim().Length > CheckIn.DeviceIdMaxLength)
        {
            return Failed(new InvalidInputError("INVALID_VALUE", "deviceId must be 1 to 100 characters: the scanner's own id.", "deviceId"));
        }
        // The list and the caller's role come from CheckInDoor (remembered a few seconds): a stream of scans reads
        // only its tickets.
        var door = context.Services.GetRequiredService<CheckInDoor>();
        var gate = await door.GateAsync(id, context.CancellationToken);
        var (canView, canScan) = gate is null ? (false, false) : await door.PermissionsAsync(access, gate.OrganizationId, context.CancellationToken);
        if (gate is null || !canView)
        {
            return Failed(ListNotFound(listId));
        }
        if (!canScan)
        {
            return Failed(new NotAuthorizedError("Scanning is for the organization's staff (or a READ_WRITE API key)."));
        }
        var key = await context.Services.GetRequiredService<EventKeys>().GetAsync(gate.EventId, context.CancellationToken);
        var source = new ScanSource(deviceId.Trim(), access.Actor.UserId, context.GetClientAddress());
        var db = await context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContextAsync(context.CancellationToken);
        return new Desk(db, gate, key, source, now, null);

        Desk Failed(IUserError error) => new(null!, null!, null!, null!, now, error);
    }
}

/// <summary>One scan at the door.</summary>
public sealed class CheckInInput
{
    /// <summary>The QR code's text: the ticket's signed token (TKR1.…).</summary>
    public required string Token { get; init; }

    /// <summary>The check-in list (gate) scanning.</summary>
    [ID]
    public required string ListId { get; init; }

    /// <summary>The scanning device's id (1 to 100 characters), shown in "already checked in by …".</summary>
    public required string DeviceId { get; init; }

    /// <summary>The entrance the device stands at, e.g. "Porte 1" (1 to 50 characters); admissions are counted per gate on the dashboard.</summary>
    public string? Gate { get; init; }

    /// <summary>When the device scanned it (default: now). At most 5 minutes ahead of the server's clock.</summary>
    public DateTimeOffset? ScannedAt { get; init; }
}

/// <summary>What the gate shows after a scan.</summary>
public sealed class CheckInPayload(ScanOutcome? scan, IReadOnlyList<ICheckInError> errors)
{
    /// <summary>Let the holder in only when OK. Null only when the scan could not be made (see <c>errors</c>).</summary>
    public CheckInResult? Result => scan?.Result;

    /// <summary>The scanned ticket (its type and holder), once the token is authentic and its ticket known.</summary>
    public CheckInTicket? Ticket => scan?.Ticket;

    /// <summary>For ALREADY_CHECKED_IN: the admission that counted (when, at which list and gate, by which device).</summary>
    public CheckInRecordNode? FirstCheckIn => scan?.FirstCheckIn;

    /// <summary>Why the scan could not be made (unknown list, not staff…); empty when there is a result.</summary>
    public IReadOnlyList<ICheckInError> Errors => errors;
}

/// <summary>One scan an offline device made.</summary>
public sealed class OfflineScanInput
{
    /// <summary>The QR code's text: the ticket's signed token (TKR1.…).</summary>
    public required string Token { get; init; }

    /// <summary>When the device scanned it (its clock), kept as the admission's time.</summary>
    public required DateTimeOffset ScannedAt { get; init; }

    /// <summary>The entrance the device stands at, e.g. "Porte 1" (1 to 50 characters); admissions are counted per gate on the dashboard.</summary>
    public string? Gate { get; init; }
}

/// <summary>Scans made offline, to record.</summary>
public sealed class UploadOfflineScansInput
{
    /// <summary>The check-in list (gate) the device was scanning for.</summary>
    [ID]
    public required string ListId { get; init; }

    /// <summary>The device's id (1 to 100 characters).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The scans, 1 to 500.</summary>
    public required IReadOnlyList<OfflineScanInput> Scans { get; init; }
}

/// <summary>The result of <c>uploadOfflineScans</c>.</summary>
public sealed class UploadOfflineScansPayload(IReadOnlyList<ScanOutcome>? results, IReadOnlyList<IUploadOfflineScansError> errors)
{
    /// <summary>One result per scan, in the order of the input's <c>scans</c>; null when the batch was refused.</summary>
    public IReadOnlyList<ScanOutcome>? Results => results;

    /// <summary>Why the batch was refused (unknown list, not staff, too many scans…); empty otherwise.</summary>
    public IReadOnlyList<IUploadOfflineScansError> Errors => errors;
}

/// <summary>The outcome of one scan.</summary>
[GraphQLName("CheckInScanResult")]
public sealed class ScanOutcome(int index, ScanResult r)
{
    /// <summary>The scan's position in the uploaded <c>scans</c> (0 for <c>checkIn</c>).</summary>
    public int Index => index;

    /// <summary>OK when this scan is the ticket's admission at the list; anything else refuses it.</summary>
    public CheckInResult Result => CheckInResults.From(r.Outcome);

    /// <summary>The scanned ticket, once the token is authentic and its ticket known.</summary>
    public CheckInTicket? Ticket => r.Ticket is { } t ? new CheckInTicket(t) : null;

    /// <summary>For ALREADY_CHECKED_IN: the admission that counted.</summary>
    public CheckInRecordNode? FirstCheckIn => r.FirstCheckIn is { } c ? new CheckInRecordNode(c) : null;

    /// <summary>For an offline scan earlier than the admission recorded: that (later) admission, which this scan replaced.</summary>
    public CheckInRecordNode? ReplacedCheckIn => r.Replaced is { } c ? new CheckInRecordNode(c) : null;
}

/// <summary>What a scan says at the door.</summary>
public enum CheckInResult
{
    /// <summary>Let them in: this scan is the ticket's admission at this list.</summary>
    Ok,

    /// <summary>The ticket was already admitted at this list (see <c>firstCheckIn</c>).</summary>
    AlreadyCheckedIn,

    /// <summary>Not a Tickr ticket, altered, forged, or unknown.</summary>
    InvalidSignature,

    /// <summary>Refunded, cancelled, or transferred to someone else (an old QR code).</summary>
    Revoked,

    /// <summary>A ticket of another event.</summary>
    WrongEvent,

    /// <summary>A ticket of a type this list does not admit (e.g. a regular ticket at the VIP gate).</summary>
    NotValidForList,

    /// <summary>Its order is not paid.</summary>
    NotPaid,
}

internal static class CheckInResults
{
    public static CheckInResult From(CheckInOutcome outcome) => outcome switch
    {
        CheckInOutcome.Ok => CheckInResult.Ok,
        CheckInOutcome.AlreadyCheckedIn => CheckInResult.AlreadyCheckedIn,
        CheckInOutcome.InvalidSignature => CheckInResult.InvalidSignature,
        CheckInOutcome.Revoked => CheckInResult.Revoked,
        CheckInOutcome.WrongEvent => CheckInResult.WrongEvent,
        CheckInOutcome.NotValidForList => CheckInResult.NotValidForList,
        CheckInOutcome.NotPaid => CheckInResult.NotPaid,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

/// <summary>The scanned ticket, as the gate shows it.</summary>
[GraphQLName("CheckInTicket")]
public sealed class CheckInTicket(ScannedTicket t)
{
    /// <summary>The ticket's global id.</summary>
    [ID]
    public string Id => GlobalId.Encode(TicketNode.TypeName, t.TicketId);

    /// <summary>Its ticket type.</summary>
    [ID]
    public string TicketTypeId => GlobalId.Encode(TicketTypeNode.TypeName, t.TicketTypeId);

    /// <summary>Its ticket type's name (VIP, Regular…).</summary>
    public string TicketTypeName => t.TicketTypeName;

    /// <summary>Who holds it.</summary>
    public string HolderEmail => t.HolderEmail;
}

/// <summary>A recorded admission.</summary>
[GraphQLName("CheckInRecord")]
public sealed class CheckInRecordNode(CheckInRecord c)
{
    /// <summary>The check-in list (gate).</summary>
    [ID]
    public string ListId => GlobalId.Encode(CheckInListNode.TypeName, c.ListId);

    /// <summary>The list's name.</summary>
    public string ListName => c.ListName;

    /// <summary>When the device scanned the ticket.</summary>
    public DateTimeOffset ScannedAt => c.ScannedAt;

    /// <summary>When the server recorded it (later than <c>scannedAt</c> for offline scans).</summary>
    public DateTimeOffset RecordedAt => c.RecordedAt;

    /// <summary>The scanning device's id.</summary>
    public string DeviceId => c.DeviceId;

    /// <summary>The entrance the scanning device stood at (the <c>gate</c> sent with the scan); null when none was sent.</summary>
    public string? Gate => c.Gate;

    /// <summary>Whether it was uploaded after an offline session.</summary>
    public bool Offline => c.Offline;
}
