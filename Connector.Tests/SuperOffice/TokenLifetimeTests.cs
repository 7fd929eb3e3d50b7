using System.Text.Json;
using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

public sealed class TokenLifetimeTests
{
    [Theory]
    [InlineData("3600", 3600.0)]
    [InlineData("\"3600\"", 3600.0)]
    [InlineData("\" 300 \"", 300.0)]
    [InlineData("3599.5", 3599.5)]
    [InlineData("\"abc\"", null)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("null", null)]
    [InlineData("{}", null)]
    public void Expires_in_is_read_as_number_or_string(string json, double? seconds)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), TokenLifetime.ParseExpiresIn(document.RootElement));
    }

    [Fact]
    public void Renewal_comes_a_margin_before_expiry_but_never_early_in_a_short_life()
    {
        var issued = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(issued.AddSeconds(3540), TokenLifetime.RenewAt(issued, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(issued.AddSeconds(9), TokenLifetime.RenewAt(issued, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
    }
}
