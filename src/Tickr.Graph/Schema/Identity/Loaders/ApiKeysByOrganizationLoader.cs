using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>The API keys of each organization, newest first, one query per batch.</summary>
public sealed class ApiKeysByOrganizationLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<ApiKey>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<ApiKey>>> Query => (db, parentIds) =>
        db.ApiKeys.Where(k => parentIds.Contains(k.OrganizationId)).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id);

    protected override Guid ParentOf(ApiKey row) => row.OrganizationId;
}
