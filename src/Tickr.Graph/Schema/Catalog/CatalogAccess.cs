using Tickr.Domain.Catalog;
using Tickr.Graph.Auth;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>Who may see what in the catalog: the one rule every catalog field and node fetch applies.</summary>
public static class CatalogAccess
{
    /// <summary>Published, cancelled and ended events are public; drafts are seen by their organization only.</summary>
    public static async Task<bool> CanSeeAsync(this Access access, Event e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(e);
        return e.Status != EventStatus.Draft || await access.CanViewPrivateAsync(e.OrganizationId, cancellationToken);
    }
}
