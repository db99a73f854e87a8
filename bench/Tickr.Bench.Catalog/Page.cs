using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tickr.Bench.Catalog;

/// <summary>One page of the catalog as both sides return it, to check once that they return the same data.</summary>
internal sealed record PageEvent(Guid Id, string Title, DateTime StartsAtUtc, string? Venue, string? City, string Organization, List<PageTicketType> TicketTypes)
{
    public override string ToString() =>
        $"{Id:N} {Title} {StartsAtUtc:O} @ {Venue}, {City} by {Organization}: "
        + string.Join("; ", TicketTypes.Select(t => $"{t.Name} {t.MinorUnits.ToString(CultureInfo.InvariantCulture)} {t.Currency} ×{t.Remaining.ToString(CultureInfo.InvariantCulture)}"));
}

internal sealed record PageTicketType(string Name, long MinorUnits, string Currency, int Remaining);

internal static class Page
{
    /// <summary>The page from Tickr's JSON answer to the full catalog query.</summary>
    public static List<PageEvent> FromGraphQL(JsonElement root)
    {
        var nodes = root.GetProperty("data").GetProperty("events").GetProperty("nodes");
        var page = new List<PageEvent>();
        foreach (var n in nodes.EnumerateArray())
        {
            var venue = n.GetProperty("venue");
            page.Add(new PageEvent(
                DecodeId(n.GetProperty("id").GetString()!),
                n.GetProperty("title").GetString()!,
                DateTimeOffset.Parse(n.GetProperty("startsAt").GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
                venue.ValueKind == JsonValueKind.Null ? null : venue.GetProperty("name").GetString(),
                venue.ValueKind == JsonValueKind.Null ? null : venue.GetProperty("city").GetString(),
                n.GetProperty("organization").GetProperty("name").GetString()!,
                [.. n.GetProperty("ticketTypes").EnumerateArray().Select(t => new PageTicketType(
                    t.GetProperty("name").GetString()!,
                    t.GetProperty("price").GetProperty("minorUnits").GetInt64(),
                    t.GetProperty("price").GetProperty("currency").GetString()!,
                    t.GetProperty("remaining").GetInt32()))]));
        }
        return page;
    }

    /// <summary>Both pages in a comparable text form; null when they are equal, else the first difference.</summary>
    public static string? Difference(IReadOnlyList<PageEvent> tickr, IReadOnlyList<PageEvent> floor)
    {
        for (var i = 0; i < Math.Max(tickr.Count, floor.Count); i++)
        {
            var a = i < tickr.Count ? tickr[i].ToString() : "(none)";
            var b = i < floor.Count ? floor[i].ToString() : "(none)";
            if (a != b)
            {
                return $"event {i}:\n  Tickr: {a}\n  floor: {b}";
            }
        }
        return null;
    }

    /// <summary>Tickr's global ids are base64url of "Event:" + the UUID without hyphens (src/Tickr.Graph/Schema/Relay/GlobalId.cs).</summary>
    private static Guid DecodeId(string id)
    {
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
        return text.StartsWith("Event:", StringComparison.Ordinal)
            ? Guid.ParseExact(text.AsSpan("Event:".Length), "N")
            : throw new FormatException($"'{id}' is not an Event id ({text}).");
    }
}
