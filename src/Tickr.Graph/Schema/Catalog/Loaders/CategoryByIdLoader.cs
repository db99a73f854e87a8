using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Categorys by id, one query per batch.</summary>
public sealed class CategoryByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Category>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Category>>> Query => (db, ids) => db.Categories.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(Category row) => row.Id;
}
