using Tickr.Domain.Notifications;

namespace Tickr.Graph.Email;

/// <summary>Registers the email adapter.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> from <c>Tickr:Email:*</c>: <see cref="SmtpEmailSender"/> when
    /// <c>Tickr:Email:Smtp:Host</c> is set, <see cref="PickupDirectoryEmailSender"/> (<c>Tickr:Email:PickupDirectory</c>,
    /// relative to the content root) otherwise. Invalid SMTP settings fail here, at start-up, naming the key.
    /// Uses the registered <see cref="TimeProvider"/> (the system clock when none is).
    /// </summary>
    public static IServiceCollection AddTickrEmailSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();

        if (options.Smtp.IsConfigured)
        {
            options.Smtp.Validate();
            services.AddSingleton<IEmailSender>(sp => new SmtpEmailSender(
                options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<SmtpEmailSender>>()));
        }
        else
        {
            services.AddSingleton<IEmailSender>(sp =>
            {
                var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
                return new PickupDirectoryEmailSender(
                    Path.GetFullPath(options.PickupDirectory, root), options.From,
                    sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<PickupDirectoryEmailSender>>());
            });
        }
        return services;
    }
}
