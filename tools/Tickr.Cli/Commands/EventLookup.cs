using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>Finds an event from what a user types: its slug (as `tickr events` shows it) or its global id.</summary>
public static class EventLookup
{
    public static async Task<EventTicketing_Event> FindAsync(ITickrClient client, string slugOrId, string? accessCode, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(accessCode) ? null : accessCode;
        var bySlug = await client.EventTicketingAsync(slug: slugOrId, accessCode: code, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (bySlug.Data?.Event is { } found)
        {
            return found;
        }
        // Not a slug: an id. A malformed id is a GraphQL error, which here only means "not this either".
        var byId = await client.EventTicketingAsync(id: slugOrId, accessCode: code, cancellationToken: cancellationToken).ConfigureAwait(false);
        return byId.Data?.Event
            ?? throw new CliException($"No event '{slugOrId}': give its slug (as `tickr events` shows it) or its id. Drafts are found by their organization only.");
    }
}
