using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>The part of <see cref="TestServices"/> that asserts (xunit), apart so the benchmarks can link the rest.</summary>
public static partial class TestServices
{
    /// <summary>The start-up validation message for options <typeparamref name="T"/> under <paramref name="settings"/> (it must fail).</summary>
    public static async Task<string> StartupFailureAsync<T>(IDictionary<string, string?> settings) where T : class
    {
        await using var services = await CreateAsync(settings);
        return Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<T>>().Value).Message;
    }
}
