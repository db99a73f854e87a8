using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>The active memberships of each user, oldest first, one query per batch.</summary>
public sealed class MembershipsByUserLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<OrganizationMember>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<OrganizationMember>>> Query => (db, parentIds) =>
        db.OrganizationMembers
            .Where(m => m.UserId != null && parentIds.Contains(m.UserId.Value) && m.Status == MembershipStatus.Active)
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.Id);

    protected override Guid ParentOf(OrganizationMember row) => row.UserId!.Value;
}
