using Tickr.Domain.Ticketing;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>
/// One admission to an event. Its holder reads its signed QR token (and the QR image at <c>qrCodeUrl</c>); the
/// event's organization sees it without the token.
/// </summary>
[GraphQLName("Ticket")]
public sealed class TicketNode(Ticket t) : INode
{
    public const string TypeName = "Ticket";

    internal Ticket Entity => t;

    /// <summary>The ticket's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, t.Id);

    /// <summary>VALID, or REVOKED after a refund (a transferred ticket stays valid under its new version).</summary>
    public TicketStatus Status => t.Status;

    /// <summary>Who holds it.</summary>
    public string HolderEmail => t.HolderEmail;

    /// <summary>Bumped by each transfer; only the current version's token opens the door.</summary>
    public int Version => t.Version;

    /// <summary>When it was issued.</summary>
    public DateTimeOffset IssuedAt => t.IssuedAt;

    /// <summary>The ticket's type.</summary>
    public async Task<TicketTypeNode?> GetTicketTypeAsync(TicketTypeByIdLoader types, EventByIdLoader events)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(events);
        return await types.LoadAsync(t.TicketTypeId) is { } type && await events.LoadAsync(t.EventId) is { } e
            ? new TicketTypeNode(type, e)
            : null;
    }

    /// <summary>The event it admits to.</summary>
    public async Task<EventNode?> GetEventAsync(EventByIdLoader events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return await events.LoadAsync(t.EventId) is { } e ? new EventNode(e) : null;
    }

    /// <summary>
    /// The QR payload: a compact token signed with the event's key (ECDSA P-256), verifiable offline with the event's
    /// public key. The holder only (null for anyone else, and for a revoked ticket).
    /// </summary>
    public async Task<string?> GetTokenAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (t.Status != TicketStatus.Valid || !IsHolder(context))
        {
            return null;
        }
        var keys = context.Services.GetRequiredService<Graph.Ticketing.EventKeys>();
        return await keys.IssueTokenAsync(t, context.CancellationToken);
    }

    /// <summary>Where the holder downloads the QR image (PNG; add <c>?format=svg</c> for SVG), with their access token. The holder only.</summary>
    public string? GetQrCodeUrl(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return t.Status == TicketStatus.Valid && IsHolder(context) ? $"/tickets/{t.Id:N}/qr" : null;
    }

    private bool IsHolder(IResolverContext context) => context.GetAccess().Actor.UserId is { } user && user == t.HolderId;
}
