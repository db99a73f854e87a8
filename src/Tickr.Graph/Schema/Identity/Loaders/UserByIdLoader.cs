using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>Accounts by id, one query per batch.</summary>
public sealed class UserByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<TickrUser>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<TickrUser>>> Query => (db, ids) => db.Users.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(TickrUser row) => row.Id;
}
