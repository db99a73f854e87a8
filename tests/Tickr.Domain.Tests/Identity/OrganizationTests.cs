using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Domain.Tests.Identity;

public sealed class OrganizationTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Founder = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");

    private static Organization Festival() =>
        Organization.Create("Festival de Carthage", "festival-de-carthage", null, Founder, " Founder@Carthage.TN ", Now);

    [Fact]
    public void The_creator_of_an_organization_is_its_first_owner()
    {
        var organization = Festival();

        var owner = Assert.Single(organization.Members);
        Assert.Equal(Founder, owner.UserId);
        Assert.Equal("founder@carthage.tn", owner.Email);
        Assert.Equal(OrganizationRole.Owner, owner.Role);
        Assert.Equal(MembershipStatus.Active, owner.Status);
        Assert.Null(owner.InvitedByUserId);
        Assert.Equal(Now, owner.JoinedAt);
        Assert.Equal(OrganizationRole.Owner, organization.RoleOf(Founder));
    }

    [Fact]
    public void An_organization_needs_a_name_and_a_valid_slug()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "name", () => Organization.Create(" ", "x", null, Founder, "a@b.tn", Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "slug", () => Organization.Create("X", "Pas un slug", null, Founder, "a@b.tn", Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "email", () => Organization.Create("X", "x", null, Founder, "pas-un-email", Now));
    }

    [Theory]
    [InlineData(OrganizationRole.Owner, OrganizationRole.Owner, true)]
    [InlineData(OrganizationRole.Owner, OrganizationRole.Manager, true)]
    [InlineData(OrganizationRole.Owner, OrganizationRole.Scanner, true)]
    [InlineData(OrganizationRole.Manager, OrganizationRole.Scanner, true)]
    [InlineData(OrganizationRole.Manager, OrganizationRole.Manager, false)]
    [InlineData(OrganizationRole.Manager, OrganizationRole.Owner, false)]
    [InlineData(OrganizationRole.Scanner, OrganizationRole.Scanner, false)]
    [InlineData(OrganizationRole.Scanner, OrganizationRole.Manager, false)]
    [InlineData(OrganizationRole.Scanner, OrganizationRole.Owner, false)]
    public void Owners_invite_anyone_managers_only_scanners_and_scanners_nobody(OrganizationRole inviter, OrganizationRole invited, bool allowed)
    {
        var organization = Festival();
        var inviterId = Guid.NewGuid();
        if (inviter != OrganizationRole.Owner)
        {
            organization.Invite(Founder, "inviter@carthage.tn", inviter, inviterId, Now);
        }
        else
        {
            inviterId = Founder;
        }
        var membersBefore = organization.Members.Count;

        if (allowed)
        {
            var member = organization.Invite(inviterId, "new@carthage.tn", invited, null, Now);
            Assert.Equal(invited, member.Role);
            Assert.Equal(inviterId, member.InvitedByUserId);
        }
        else
        {
            Expect.Refusal(DomainErrorCode.InvalidStatus, "role", () => organization.Invite(inviterId, "new@carthage.tn", invited, null, Now));
            Assert.Equal(membersBefore, organization.Members.Count);
        }
        Assert.Equal(allowed, OrganizationPermissions.CanInvite(inviter, invited));
    }

    [Fact]
    public void Someone_who_is_not_an_active_member_cannot_invite()
    {
        var organization = Festival();
        Expect.Refusal(DomainErrorCode.InvalidStatus, () => organization.Invite(Guid.NewGuid(), "new@carthage.tn", OrganizationRole.Scanner, null, Now));
    }

    [Fact]
    public void An_existing_user_joins_at_once()
    {
        var organization = Festival();
        var userId = Guid.NewGuid();

        var member = organization.Invite(Founder, "Manager@Carthage.tn", OrganizationRole.Manager, userId, Now);

        Assert.Equal(MembershipStatus.Active, member.Status);
        Assert.Equal(userId, member.UserId);
        Assert.Equal("manager@carthage.tn", member.Email);
        Assert.Equal(OrganizationRole.Manager, organization.RoleOf(userId));
    }

    [Fact]
    public void Someone_invited_by_email_has_no_role_until_they_accept()
    {
        var organization = Festival();
        var member = organization.Invite(Founder, "scanner@carthage.tn", OrganizationRole.Scanner, null, Now);
        Assert.Equal(MembershipStatus.Invited, member.Status);
        Assert.Null(member.UserId);
        Assert.Null(member.JoinedAt);

        var userId = Guid.NewGuid();
        Assert.Null(organization.RoleOf(userId));
        var later = Now.AddDays(2);
        member.Accept(userId, later);

        Assert.Equal(MembershipStatus.Active, member.Status);
        Assert.Equal(userId, member.UserId);
        Assert.Equal(later, member.JoinedAt);
        Assert.Equal(OrganizationRole.Scanner, organization.RoleOf(userId));
    }

    [Fact]
    public void Accepting_an_accepted_invitation_again_changes_nothing()
    {
        var member = Festival().Invite(Founder, "scanner@carthage.tn", OrganizationRole.Scanner, null, Now);
        var first = Guid.NewGuid();
        member.Accept(first, Now);
        member.Accept(Guid.NewGuid(), Now.AddDays(1));
        Assert.Equal(first, member.UserId);
        Assert.Equal(Now, member.JoinedAt);
    }

    [Fact]
    public void An_invited_member_cannot_invite_before_accepting()
    {
        var organization = Festival();
        organization.Invite(Founder, "manager@carthage.tn", OrganizationRole.Manager, null, Now);
        Expect.Refusal(DomainErrorCode.InvalidStatus, () => organization.Invite(Guid.NewGuid(), "x@carthage.tn", OrganizationRole.Scanner, null, Now));
    }

    [Theory]
    [InlineData("founder@carthage.tn")]
    [InlineData(" FOUNDER@carthage.TN ")]
    public void Inviting_someone_who_is_already_a_member_is_refused_whatever_the_case_of_the_email(string email)
    {
        var organization = Festival();
        Expect.Refusal(DomainErrorCode.Duplicate, "email", () => organization.Invite(Founder, email, OrganizationRole.Manager, null, Now));
        Assert.Single(organization.Members);
    }

    [Fact]
    public void Inviting_an_existing_member_under_another_email_is_refused()
    {
        var organization = Festival();
        Expect.Refusal(DomainErrorCode.Duplicate, "email",
            () => organization.Invite(Founder, "other@carthage.tn", OrganizationRole.Manager, Founder, Now));
    }

    [Fact]
    public void Inviting_twice_by_email_is_refused()
    {
        var organization = Festival();
        organization.Invite(Founder, "scanner@carthage.tn", OrganizationRole.Scanner, null, Now);
        Expect.Refusal(DomainErrorCode.Duplicate, "email", () => organization.Invite(Founder, "Scanner@Carthage.tn", OrganizationRole.Manager, null, Now));
    }

    [Theory]
    [InlineData("pas-un-email")]
    [InlineData("Ali <ali@carthage.tn>")]
    [InlineData("ali@localhost")]
    [InlineData("ali @carthage.tn")]
    public void An_invitation_needs_a_plain_email_address(string email)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "email", () => Festival().Invite(Founder, email, OrganizationRole.Scanner, null, Now));
    }

    [Theory]
    [InlineData(OrganizationRole.Scanner, true, false, true, false)]
    [InlineData(OrganizationRole.Manager, true, true, true, false)]
    [InlineData(OrganizationRole.Owner, true, true, true, true)]
    public void Each_role_includes_the_ones_below_it(OrganizationRole role, bool viewPrivate, bool manageEvents, bool checkIn, bool manageApiKeys)
    {
        Assert.Equal(viewPrivate, OrganizationPermissions.CanViewPrivate(role));
        Assert.Equal(manageEvents, OrganizationPermissions.CanManageEvents(role));
        Assert.Equal(checkIn, OrganizationPermissions.CanCheckIn(role));
        Assert.Equal(manageApiKeys, OrganizationPermissions.CanManageApiKeys(role));
    }
}
