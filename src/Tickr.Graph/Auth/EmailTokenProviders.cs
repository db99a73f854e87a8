using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tickr.Data.Identity;

namespace Tickr.Graph.Auth;

/// <summary>
/// Identity's data-protection token provider for email confirmation, with its own lifetime
/// (<c>Tickr:Auth:EmailConfirmationTokenLifetime</c>): a confirmation link may wait days in an inbox, a reset link
/// should not.
/// </summary>
public sealed class EmailConfirmationTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<EmailConfirmationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<TickrUser>> logger)
    : DataProtectorTokenProvider<TickrUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "TickrEmailConfirmation";
}

/// <summary>Options of <see cref="EmailConfirmationTokenProvider"/>.</summary>
public sealed class EmailConfirmationTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Identity's data-protection token provider for password resets, with its own (short) lifetime
/// (<c>Tickr:Auth:PasswordResetTokenLifetime</c>). Its tokens embed the security stamp, so one reset voids the others.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<TickrUser>> logger)
    : DataProtectorTokenProvider<TickrUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "TickrPasswordReset";
}

/// <summary>Options of <see cref="PasswordResetTokenProvider"/>.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;
