using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Payments;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Auth;
using Tickr.Graph.Payments;
using Tickr.Graph.Payments.Clictopay;
using Tickr.Graph.Payments.Stripe;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Ordering;

/// <summary>
/// The HTTP endpoints of selling that are not GraphQL: provider callbacks (Stripe's webhook, the buyer's return from
/// Clictopay's payment page) and the ticket's QR image for its holder.
/// </summary>
public static class SellingEndpoints
{
    public const string StripeWebhookPath = "/webhooks/stripe";
    public const string ClictopayReturnPath = "/payments/clictopay/return";
    public const string TicketQrPath = "/tickets/{ticketId}/qr";

    public static IEndpointRouteBuilder MapTickrSellingEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(StripeWebhookPath, StripeWebhookAsync);
        app.MapGet(ClictopayReturnPath, ClictopayReturnAsync);
        app.MapGet(TicketQrPath, TicketQrAsync);
        return app;
    }

    // Stripe retries until it gets a 2xx: 200 for applied, duplicate or unknown events; 400 for a bad signature (never
    // retried successfully, and tells an attacker nothing more); 503 when applying failed, so Stripe retries later.
    private static async Task<IResult> StripeWebhookAsync(HttpContext http, IServiceProvider services, ILogger<Checkout> log)
    {
        if (!services.GetRequiredService<IPaymentProviders>().IsConfigured(PaymentProviderKind.Stripe))
        {
            return Results.NotFound();
        }
        PaymentNotification? notification;
        try
        {
            notification = await services.GetRequiredService<StripeWebhookReader>().ReadAsync(http.Request, http.RequestAborted);
        }
        catch (WebhookRejectedException e)
        {
            log.LogWarning("Stripe webhook rejected ({Reason}) from {Address}.", e.Reason, http.Connection.RemoteIpAddress);
            return Results.BadRequest(new { error = e.Reason.ToString() });
        }
        if (notification is null)
        {
            return Results.Ok(new { received = true, handled = false });
        }
        var outcome = await services.GetRequiredService<Checkout>().ApplyAsync(notification, new AuditSource(null, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        return Results.Ok(new { received = true, handled = true, outcome = outcome.ToString() });
    }

    // Clictopay sends the buyer back here; the state is read from Clictopay, server to server, never from the URL.
    private static async Task<IResult> ClictopayReturnAsync(HttpContext http, IServiceProvider services, ILogger<Checkout> log)
    {
        if (!services.GetRequiredService<IPaymentProviders>().IsConfigured(PaymentProviderKind.Clictopay))
        {
            return Results.NotFound();
        }
        try
        {
            var notification = await services.GetRequiredService<ClictopayReturnReader>().ReadAsync(http.Request, http.RequestAborted);
            var outcome = await services.GetRequiredService<Checkout>().ApplyAsync(notification, new AuditSource(null, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
            return Results.Ok(new { state = notification.State.ToString().ToUpperInvariant(), outcome = outcome.ToString() });
        }
        catch (WebhookRejectedException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
        catch (PaymentProviderException e)
        {
            log.LogWarning(e, "Reading a Clictopay return failed.");
            return Results.Problem(e.Code == PaymentErrorCode.UnknownPayment ? "Clictopay does not know this payment." : "Clictopay did not answer; reload this page.",
                statusCode: e.Code == PaymentErrorCode.UnknownPayment ? 404 : 502);
        }
    }

    // The holder's QR image, PNG by default or SVG with ?format=svg; 404 for anyone else (a ticket's existence is private).
    private static async Task<IResult> TicketQrAsync(string ticketId, HttpContext http, IDbContextFactory<TickrDbContext> contexts, EventKeys keys)
    {
        var actor = Actor.From(http.User);
        if (actor.UserId is not { } user)
        {
            return Results.Unauthorized();
        }
        if (!Guid.TryParseExact(ticketId, "N", out var id))
        {
            return Results.NotFound();
        }
        await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.HolderId == user && t.Status == TicketStatus.Valid, http.RequestAborted);
        if (ticket is null)
        {
            return Results.NotFound();
        }
        var token = await keys.IssueTokenAsync(ticket, http.RequestAborted);
        http.Response.Headers.CacheControl = "private, no-store";
        return string.Equals(http.Request.Query["format"], "svg", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(TicketQrCode.Svg(token), "image/svg+xml")
            : Results.Bytes(TicketQrCode.Png(token), TicketQrCode.PngContentType);
    }
}
