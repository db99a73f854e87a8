using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>API keys by id, one query per batch.</summary>
public sealed class ApiKeyByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<ApiKey>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<ApiKey>>> Query => (db, ids) => db.ApiKeys.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(ApiKey row) => row.Id;
}
