using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>IANA time zones of events.</summary>
public static class EventTimeZone
{
    /// <summary>Tunisia's zone, the default of the first market.</summary>
    public const string Default = "Africa/Tunis";

    /// <summary>The IANA id, checked against the system's time zone database; null means <see cref="Default"/>.</summary>
    public static string Require(string? timeZoneId)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? Default : timeZoneId.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"'{id}' is not an IANA time zone (e.g. Africa/Tunis).", "timeZone");
        }
        return zone.Id;
    }

    /// <summary>The wall-clock time of <paramref name="instant"/> in the zone.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
}
