using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Identity;

namespace Tickr.Data.Identity;

/// <summary>
/// Tables of accounts, organizations, memberships and keys. Ids of Tickr's own entities are made by the domain
/// (<c>Guid.CreateVersion7</c>): keys are <c>ValueGeneratedNever</c>, so a member invited into a tracked organization is
/// inserted, not mistaken for an existing row to update.
/// </summary>
internal static class IdentityMappings
{
    public static void Configure(ModelBuilder builder)
    {
        // Identity's tables under plain names (the snake_case convention then names the columns).
        builder.Entity<TickrUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(120);
            b.Property(u => u.Locale).HasMaxLength(8);
        });
        builder.Entity<TickrRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.Entity<Organization>(b =>
        {
            b.ToTable("organizations");
            b.HasKey(o => o.Id);
            b.Property(o => o.Id).ValueGeneratedNever();
            b.Property(o => o.Name).HasMaxLength(120);
            b.Property(o => o.Slug).HasMaxLength(Domain.Common.Slug.MaxLength);
            b.HasIndex(o => o.Slug).IsUnique();
            b.Property(o => o.Description).HasMaxLength(2_000);
            b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(o => o.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
            ConcurrencyVersion.Configure(b);
        });

        builder.Entity<OrganizationMember>(b =>
        {
            b.ToTable("organization_members", t =>
                t.HasCheckConstraint("ck_organization_members_active_has_user", "status <> 'active' OR user_id IS NOT NULL"));
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Email).HasMaxLength(EmailAddress.MaxLength);
            b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.Status).HasConversion(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<MembershipStatus>(v, true)).HasMaxLength(16);
            b.HasIndex(m => new { m.OrganizationId, m.Email }).IsUnique();
            b.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
            // "My organizations" and "invitations for my email" are both served by these.
            b.HasIndex(m => m.UserId);
            b.HasIndex(m => m.Email);
            b.HasOne<TickrUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiKey>(b =>
        {
            b.ToTable("api_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Id).ValueGeneratedNever();
            b.Property(k => k.Name).HasMaxLength(80);
            b.Property(k => k.Prefix).HasMaxLength(32);
            b.HasIndex(k => k.Prefix).IsUnique();
            b.Property(k => k.SecretHash).HasMaxLength(32);
            b.Property(k => k.Scope).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(k => k.OrganizationId);
            b.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<TickrUser>().WithMany().HasForeignKey(k => k.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RefreshToken>(b =>
        {
            b.ToTable("refresh_tokens");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.TokenHash).HasMaxLength(32);
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.HasIndex(t => t.FamilyId);
            b.HasIndex(t => t.UserId);
            b.Property(t => t.RevokedReason).HasMaxLength(64);
            b.HasOne<TickrUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
