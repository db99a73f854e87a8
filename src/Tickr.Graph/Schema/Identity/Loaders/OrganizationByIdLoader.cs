using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>Organizations by id (without their members), one query per batch.</summary>
public sealed class OrganizationByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Organization>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Organization>>> Query => (db, ids) => db.Organizations.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(Organization row) => row.Id;
}
