using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tickr.Graph.Notifications;

/// <summary>Registers outbox delivery and reminders.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutboxDispatcher"/> (resolve it to call <see cref="OutboxDispatcher.Nudge"/>),
    /// <see cref="ReminderScheduler"/>, the order emails' renderer, and <see cref="NotificationOptions"/> from
    /// <c>Tickr:Notifications:*</c> (invalid values fail here, naming the key). Both run as hosted services unless
    /// <c>Tickr:Notifications:Enabled</c> is false. Needs what the server registers anyway: the database's context
    /// factory, <c>IEmailSender</c> and <c>EventKeys</c>. A second call changes nothing.
    /// </summary>
    public static IServiceCollection AddTickrNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(OutboxDispatcher)))
        {
            return services;
        }
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        options.Validate();

        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationRenderer, OrderEmailRenderer>();
        services.AddSingleton<INotificationRenderer, TicketTransferEmailRenderer>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ReminderScheduler>();
        if (options.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        }
        return services;
    }
}
