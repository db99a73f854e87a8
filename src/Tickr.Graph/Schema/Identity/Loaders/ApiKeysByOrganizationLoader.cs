using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>The API keys of each organization, newest first, one query per batch.</summary>
public sealed class ApiKeysByOrganizationLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<ApiKey>(contexts)
{
    protected override IQueryable<ApiKey> Query(TickrDbContext db, IReadOnlyList<Guid> parentIds) =>
        db.ApiKeys.Where(k => parentIds.Contains(k.OrganizationId)).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id);

    protected override Guid ParentOf(ApiKey row) => row.OrganizationId;
}
