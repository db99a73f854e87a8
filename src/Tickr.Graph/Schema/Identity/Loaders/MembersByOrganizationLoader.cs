using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Identity.Loaders;

/// <summary>The members and pending invitations of each organization, in invitation order, one query per batch.</summary>
public sealed class MembersByOrganizationLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<OrganizationMember>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<OrganizationMember>>> Query => (db, parentIds) =>
        db.OrganizationMembers.Where(m => parentIds.Contains(m.OrganizationId)).OrderBy(m => m.InvitedAt).ThenBy(m => m.Id);

    protected override Guid ParentOf(OrganizationMember row) => row.OrganizationId;
}
