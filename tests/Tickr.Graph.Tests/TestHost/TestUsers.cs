using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Data.Identity;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>Accounts created directly through the server's UserManager, for tests that are not about registration.</summary>
public static class TestUsers
{
    public const string Password = "correct-horse-42";

    /// <summary>Creates a (confirmed) account in the server's database and returns its id.</summary>
    public static async Task<Guid> CreateAsync(IServiceProvider services, string email, string displayName = "Test User", bool confirmed = true)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TickrUser>>();
        var user = new TickrUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            DisplayName = displayName,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }
}
