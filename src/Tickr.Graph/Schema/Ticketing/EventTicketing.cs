using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Ticketing;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>What the door needs of an event: its check-in lists and the public key that verifies its tickets.</summary>
[ExtendObjectType(typeof(EventNode))]
public sealed class EventTicketing
{
    /// <summary>The event's check-in lists (gates), oldest first, with their counts. The event's organization only (null otherwise).</summary>
    public async Task<IReadOnlyList<CheckInListNode>?> GetCheckInListsAsync([Parent] EventNode e, CheckInListsByEventLoader lists, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanViewPrivateAsync(e.Entity.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        return (await lists.LoadAsync(e.Entity.Id)).Select(l => new CheckInListNode(l)).ToArray();
    }

    /// <summary>
    /// The public key that verifies the event's ticket tokens (ECDSA P-256), for scanner apps that check tickets
    /// offline. The event's organization only (null otherwise).
    /// </summary>
    public async Task<TicketPublicKey?> GetTicketPublicKeyAsync([Parent] EventNode e, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanViewPrivateAsync(e.Entity.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        var key = await context.Services.GetRequiredService<EventKeys>().GetAsync(e.Entity.Id, context.CancellationToken);
        return new TicketPublicKey(key.KeyId, key.ExportPublicKeyPem(), key.ExportPublicKeyBase64Url(), Domain.Ticketing.TicketToken.EncodeId(e.Entity.Id));
    }
}

/// <summary>
/// An event's ticket-verifying key. A token is <c>TKR1.</c> + base64url(payload) + <c>.</c> + base64url(signature):
/// the signature is ECDSA P-256 / SHA-256 in IEEE P1363 form (r ‖ s) over the ASCII text before the second dot.
/// </summary>
/// <param name="KeyId">A short id of the key (base64url of the first 8 bytes of SHA-256 over the DER public key), to tell keys apart.</param>
/// <param name="PublicKeyPem">The key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>), SubjectPublicKeyInfo.</param>
/// <param name="PublicKeyBase64Url">The same DER SubjectPublicKeyInfo as unpadded base64url, on one line.</param>
/// <param name="TokenEventId">
/// The event's id as written inside its tickets' tokens (its 16 bytes in RFC 4122 order, base64url, unpadded), for
/// the offline WRONG_EVENT check: a token whose payload carries another event id belongs to another event.
/// </param>
[GraphQLName("TicketPublicKey")]
public sealed record TicketPublicKey(string KeyId, string PublicKeyPem, string PublicKeyBase64Url, string TokenEventId);
