namespace Tickr.Domain.Common;

/// <summary>Why a business rule refused an operation.</summary>
public enum DomainErrorCode
{
    /// <summary>A value is malformed or out of range (an empty title, a negative capacity…).</summary>
    InvalidValue,

    /// <summary>A period ends before (or when) it starts.</summary>
    InvalidPeriod,

    /// <summary>An amount is in another currency than the one required.</summary>
    CurrencyMismatch,

    /// <summary>The operation is not allowed in the object's current status (publishing a cancelled event…).</summary>
    InvalidStatus,

    /// <summary>An event cannot be published without a ticket type.</summary>
    NoTicketTypes,

    /// <summary>A capacity would fall below what is already sold or held.</summary>
    CapacityBelowSold,

    /// <summary>A slug, a code or a name is already taken.</summary>
    Duplicate,

    /// <summary>The object does not belong to the event or organization it was used with.</summary>
    Mismatch,
}
