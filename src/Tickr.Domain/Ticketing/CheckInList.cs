using Tickr.Domain.Common;

namespace Tickr.Domain.Ticketing;

/// <summary>
/// A gate (or a session, a VIP entrance…) of an event: each ticket is admitted once per list. A list may admit only
/// some ticket types; with none named, it admits every type of the event.
/// </summary>
public sealed class CheckInList
{
    private readonly List<CheckInListTicketType> _ticketTypes = [];

    private CheckInList() { }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<CheckInListTicketType> TicketTypes => _ticketTypes;

    public static CheckInList Create(Guid eventId, string name, IReadOnlyCollection<Guid> ticketTypeIds, DateTimeOffset now)
    {
        var list = new CheckInList
        {
            Id = Guid.CreateVersion7(now),
            EventId = eventId,
            Name = Text.Required(name, "name", 80),
            CreatedAt = now,
        };
        foreach (var id in ticketTypeIds.Distinct())
        {
            list._ticketTypes.Add(new CheckInListTicketType(list.Id, id));
        }
        return list;
    }

    /// <summary>Renames the list and replaces the ticket types it admits (none: every type of the event).</summary>
    public void Update(string name, IReadOnlyCollection<Guid> ticketTypeIds)
    {
        ArgumentNullException.ThrowIfNull(ticketTypeIds);
        Name = Text.Required(name, "name", 80);
        var wanted = ticketTypeIds.Distinct().ToList();
        _ticketTypes.RemoveAll(t => !wanted.Contains(t.TicketTypeId));
        foreach (var id in wanted.Where(id => !_ticketTypes.Exists(t => t.TicketTypeId == id)))
        {
            _ticketTypes.Add(new CheckInListTicketType(Id, id));
        }
    }

    public bool Admits(Guid ticketTypeId) => _ticketTypes.Count == 0 || _ticketTypes.Exists(t => t.TicketTypeId == ticketTypeId);
}

/// <summary>A ticket type a check-in list admits.</summary>
public sealed record CheckInListTicketType(Guid CheckInListId, Guid TicketTypeId);

/// <summary>A ticket admitted through a list: at most one per (list, ticket), enforced by a unique key.</summary>
public sealed class CheckIn
{
    private CheckIn() { }

    public Guid Id { get; private set; }

    public Guid CheckInListId { get; private set; }

    public Guid TicketId { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>When the scanner saw the ticket (its clock; kept as given for offline uploads).</summary>
    public DateTimeOffset ScannedAt { get; private set; }

    /// <summary>When the server recorded it.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    public string DeviceId { get; private set; } = "";

    /// <summary>The entrance the scanning device stands at (e.g. "Porte 1"), when it names one.</summary>
    public string? Gate { get; private set; }

    public Guid? StaffUserId { get; private set; }

    public bool Offline { get; private set; }

    /// <summary>The longest device id.</summary>
    public const int DeviceIdMaxLength = 100;

    /// <summary>The longest gate name.</summary>
    public const int GateMaxLength = 50;

    /// <summary>
    /// An admission. <paramref name="deviceId"/> is required and <paramref name="gate"/> optional (null: the device names
    /// no gate); both are trimmed, and a gate given must be 1 to <see cref="GateMaxLength"/> characters.
    /// </summary>
    public static CheckIn Record(Guid listId, Guid ticketId, Guid eventId, DateTimeOffset scannedAt, DateTimeOffset now, string deviceId, string? gate, Guid? staffUserId, bool offline) => new()
    {
        Id = Guid.CreateVersion7(now),
        CheckInListId = listId,
        TicketId = ticketId,
        EventId = eventId,
        ScannedAt = scannedAt,
        RecordedAt = now,
        DeviceId = Text.Required(deviceId, "deviceId", DeviceIdMaxLength),
        Gate = gate is null ? null : Text.Required(gate, "gate", GateMaxLength),
        StaffUserId = staffUserId,
        Offline = offline,
    };
}

/// <summary>What a scan tells the gate.</summary>
public enum CheckInOutcome
{
    Ok,
    AlreadyCheckedIn,
    InvalidSignature,
    Revoked,
    WrongEvent,
    NotValidForList,
    NotPaid,
}
