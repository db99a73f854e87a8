using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Data.Identity;
using Tickr.Domain.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>An organization with its owner, arranged directly in the database.</summary>
public sealed record Organizer(Guid UserId, Guid OrganizationId, string Token)
{
    public string Id => GlobalId.Encode("Organization", OrganizationId);
}

/// <summary>
/// Drives the catalog mutations over real HTTP (with variables, as clients send them) and arranges or inspects the
/// server's own database through its context factory, so the same helpers serve PostgreSQL and SQLite.
/// </summary>
public sealed class CatalogApi : IAsyncDisposable
{
    private const string ErrorSelection =
        "errors { __typename ... on Error { code message } ... on InvalidInputError { field } ... on NotFoundError { id } }";
    private const string ErrorSelectionWithDuplicate =
        "errors { __typename ... on Error { code message } ... on InvalidInputError { field } ... on NotFoundError { id } ... on DuplicateError { field } }";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TickrAppFactory _app;
    private int _users;

    public CatalogApi(TickrAppFactory app)
    {
        _app = app;
        Client = app.CreateClient();
        Contexts = app.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
    }

    public HttpClient Client { get; }

    /// <summary>The server (its services: the sweeper, the live publisher…).</summary>
    public TickrAppFactory App => _app;

    /// <summary>The server's own context factory (its provider, its interceptors).</summary>
    public IDbContextFactory<TickrDbContext> Contexts { get; }

    public static DateTimeOffset InDays(double days) =>
        DateTimeOffset.UtcNow.AddDays(days) is var t ? new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero) : default;

    public static Guid Key(string globalId) =>
        GlobalId.TryDecode(globalId, out _, out var id) ? id : throw new ArgumentException($"Not a global id: {globalId}", nameof(globalId));

    public static string Gid(string typeName, Guid id) => GlobalId.Encode(typeName, id);

    /// <summary>A user who owns a new organization.</summary>
    public async Task<Organizer> OrganizerAsync(string name)
    {
        var owner = await UserAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var slug = "org-" + Guid.NewGuid().ToString("N")[..10];
        var organization = Organization.Create(name, slug, null, owner.Id, owner.Email!, DateTimeOffset.UtcNow);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return new Organizer(owner.Id, organization.Id, Tokens.Create(owner.Id.ToString()));
    }

    /// <summary>A new user who joins the organization with <paramref name="role"/>; returns their access token.</summary>
    public async Task<string> MemberAsync(Organizer organizer, OrganizationRole role)
    {
        var user = await UserAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var organization = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == organizer.OrganizationId);
        var member = organization.Invite(organizer.UserId, user.Email!, role, user.Id, DateTimeOffset.UtcNow);
        // Identity's keys are still "generated on add" in the EF model, so a member found through the tracked
        // organization would be taken for an existing row: say it is new.
        db.Entry(member).State = EntityState.Added;
        await db.SaveChangesAsync();
        return Tokens.Create(user.Id.ToString());
    }

    /// <summary>
    /// A bearer token carrying an API key's claims (key id, organization, scope), as the API-key authentication of the
    /// Identity module hands them to <see cref="Actor"/>.
    /// </summary>
    public static string ApiKeyToken(Guid organizationId, ApiKeyScope scope)
    {
        var claims = new[]
        {
            new Claim(TickrClaimTypes.Subject, "api-key"),
            new Claim(TickrClaimTypes.ApiKeyId, Guid.NewGuid().ToString()),
            new Claim(TickrClaimTypes.OrganizationId, organizationId.ToString()),
            new Claim(TickrClaimTypes.ApiKeyScope, scope.ToString()),
        };
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken("tickr", "tickr", claims, now.AddMinutes(-1), now.AddMinutes(10),
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TickrAppFactory.SigningKey)), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>POSTs an operation with variables; returns the whole response body (asserting HTTP 200).</summary>
    public async Task<JsonElement> PostAsync(string query, object? variables = null, string? token = null)
    {
        var (status, body) = await PostRawAsync(query, variables, token);
        Assert.True(status == 200, $"{status}: {body}");
        return body;
    }

    /// <summary>POSTs an operation with variables; returns the HTTP status and the body.</summary>
    public async Task<(int Status, JsonElement Body)> PostRawAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>The operation that runs <paramref name="field"/> with <c>$input</c> and selects <paramref name="selection"/> and the errors.</summary>
    public static string Mutation(string field, string selection) =>
        $"mutation($input: {char.ToUpperInvariant(field[0])}{field[1..]}Input!) {{ {field}(input: $input) {{ {selection} {(field is "createEvent" or "updateEvent" or "createPromoCode" ? ErrorSelectionWithDuplicate : ErrorSelection)} }} }}";

    /// <summary>Runs one mutation; returns its payload (asserting there is no top-level error).</summary>
    public async Task<JsonElement> MutateAsync(string field, object input, string? token, string selection = "__typename")
    {
        var body = await PostAsync(Mutation(field, selection), new { input }, token);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty(field);
    }

    /// <summary>Runs one mutation that must succeed; returns its payload.</summary>
    public async Task<JsonElement> SucceedAsync(string field, object input, string? token, string selection)
    {
        var payload = await MutateAsync(field, input, token, selection);
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.GetProperty("errors").ToString());
        return payload;
    }

    /// <summary>The single error of a refused mutation: its <c>__typename</c> and the whole error.</summary>
    public static JsonElement SingleError(JsonElement payload, string typeName)
    {
        var errors = payload.GetProperty("errors");
        Assert.True(errors.GetArrayLength() == 1, errors.ToString());
        var error = errors[0];
        Assert.True(error.GetProperty("__typename").GetString() == typeName, error.ToString());
        return error;
    }

    public static string FieldOf(JsonElement error) => error.GetProperty("field").GetString()!;

    /// <summary>A draft event of the organization, starting in 30 days; returns its id.</summary>
    public async Task<string> CreateEventAsync(Organizer organizer, string title = "Soirée test", string? slug = null, string currency = "TND")
    {
        var input = new Dictionary<string, object?>
        {
            ["organizationId"] = organizer.Id,
            ["title"] = title,
            ["startsAt"] = InDays(30),
            ["endsAt"] = InDays(30.2),
            ["currency"] = currency,
        };
        if (slug is not null)
        {
            input["slug"] = slug;
        }
        var payload = await SucceedAsync("createEvent", input, organizer.Token, "event { id }");
        return payload.GetProperty("event").GetProperty("id").GetString()!;
    }

    /// <summary>A ticket type of the event at <paramref name="minorUnits"/> TND; returns its id.</summary>
    public async Task<string> AddTicketTypeAsync(Organizer organizer, string eventId, string name = "Normal", long minorUnits = 30_000, int capacity = 100, string currency = "TND")
    {
        var payload = await SucceedAsync("addTicketType", new
        {
            eventId,
            name,
            price = new { currency, minorUnits },
            capacity,
        }, organizer.Token, "ticketType { id }");
        return payload.GetProperty("ticketType").GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Everything stored about an event and what it owns, versions included: equal before and after a refused
    /// mutation means nothing was written.
    /// </summary>
    public async Task<string> EventStateAsync(string eventId)
    {
        var id = Key(eventId);
        await using var db = await Contexts.CreateDbContextAsync();
        var e = await db.Events
            .Include(x => x.TicketTypes)
            .Include(x => x.Quotas).ThenInclude(q => q.TicketTypes)
            .Include(x => x.PromoCodes).ThenInclude(p => p.TicketTypes)
            .AsSplitQuery()
            .SingleAsync(x => x.Id == id);
        await InventoryStore.HydrateAsync(db, e, CancellationToken.None);
        return JsonSerializer.Serialize(new
        {
            e.Title, e.Slug, e.Description, ImageUrl = e.ImageUrl?.ToString(), e.StartsAt, e.EndsAt, e.TimeZoneId, e.VenueId, e.CategoryId,
            Status = e.Status.ToString(), e.RefundPolicy, e.UpdatedAt, e.PublishedAt, e.CancelledAt, e.CancellationReason,
            Version = db.Entry(e).Property<int>("Version").CurrentValue,
            TicketTypes = e.TicketTypes.OrderBy(t => t.Position).Select(t => new
            {
                t.Id, t.Name, t.Description, Price = t.Price.ToString(), t.Capacity, t.Sold, t.Held, t.SalesWindow.StartsAt, SalesEnd = t.SalesWindow.EndsAt,
                t.MinPerOrder, t.MaxPerOrder, t.IsHidden, t.AccessCode, t.UpdatedAt, Version = db.Entry(t).Property<int>("Version").CurrentValue,
            }),
            Quotas = e.Quotas.OrderBy(q => q.Id).Select(q => new { q.Id, q.Name, q.Capacity, q.Sold, Types = q.TicketTypes.Select(x => x.TicketTypeId).Order() }),
            PromoCodes = e.PromoCodes.OrderBy(p => p.Code).Select(p => new { p.Code, p.Kind, p.PercentOff, p.AmountOffMinorUnits, p.MaxUses }),
        }, Readable);
    }

    /// <summary>How many events, venues, ticket types, quotas and promo codes the organization has.</summary>
    public async Task<string> CountsAsync(Organizer organizer)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var org = organizer.OrganizationId;
        var events = db.Events.Where(e => e.OrganizationId == org).Select(e => e.Id);
        return string.Join(" ",
            await events.CountAsync(),
            await db.Venues.CountAsync(v => v.OrganizationId == org),
            await db.TicketTypes.CountAsync(t => events.Contains(t.EventId)),
            await db.Quotas.CountAsync(q => events.Contains(q.EventId)),
            await db.PromoCodes.CountAsync(p => events.Contains(p.EventId)));
    }

    /// <summary>
    /// Simulates sales: sets a ticket type's sold count (and its quotas') directly in the inventory buckets, filling
    /// bucket after bucket, as settled orders would.
    /// </summary>
    public async Task SetSoldAsync(string ticketTypeId, int sold)
    {
        var id = Key(ticketTypeId);
        await using var db = await Contexts.CreateDbContextAsync();
        var quotas = await db.Quotas.Where(q => q.TicketTypes.Any(x => x.TicketTypeId == id)).Select(q => q.Id).ToListAsync();
        foreach (var pool in quotas.Prepend(id))
        {
            var left = sold;
            foreach (var bucket in await db.InventoryBuckets.AsNoTracking().Where(b => b.PoolId == pool).OrderBy(b => b.Bucket).ToListAsync())
            {
                // A bulk update, like the ordering use case's: no SaveChanges (and no version) involved.
                var value = Math.Min(left, bucket.Capacity - bucket.Held);
                await db.InventoryBuckets.Where(b => b.PoolId == pool && b.Bucket == bucket.Bucket).ExecuteUpdateAsync(x => x.SetProperty(b => b.Sold, value));
                left -= value;
            }
            if (left > 0)
            {
                throw new InvalidOperationException($"Cannot set {sold} sold: the pool has less capacity.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>A new participant account (no organization); returns its id, email and access token.</summary>
    public async Task<(Guid Id, string Email, string Token)> ParticipantAsync()
    {
        var user = await UserAsync();
        return (user.Id, user.Email!, Tokens.Create(user.Id.ToString()));
    }

    private async Task<TickrUser> UserAsync()
    {
        var n = Interlocked.Increment(ref _users).ToString(CultureInfo.InvariantCulture);
        var email = $"user{n}-{Guid.NewGuid():N}@tests.tickr.tn";
        var user = new TickrUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = "Test user " + n,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await Contexts.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }
}
