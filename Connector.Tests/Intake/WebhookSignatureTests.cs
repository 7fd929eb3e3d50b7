using Connector.Core.SuperOffice;

namespace Connector.Tests.Intake;

/// <summary>Our HMAC against signatures computed independently with openssl.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly string[] Current = ["whsec-current-7f3a"];
    private static readonly string[] CurrentAndPrevious = ["whsec-current-7f3a", "whsec-previous-19c2"];

    [Theory]
    [InlineData("valid")]
    [InlineData("non-ascii")]
    [InlineData("trailing-newline")]
    public void Computes_the_same_signature_as_openssl(string name)
    {
        var fixture = WebhookFixtures.All[name];
        Assert.Equal(fixture.Signature, WebhookSignature.Compute(fixture.Secret, fixture.Body));
        Assert.True(WebhookSignature.Verify(Current, fixture.Body, fixture.Signature));
    }

    [Fact]
    public void Refuses_a_tampered_body()
    {
        var fixture = WebhookFixtures.All["tampered"];
        Assert.False(WebhookSignature.Verify(CurrentAndPrevious, fixture.Body, fixture.Signature));
    }

    [Fact]
    public void Refuses_a_signature_made_with_another_secret()
    {
        var fixture = WebhookFixtures.All["wrong-secret"];
        Assert.False(WebhookSignature.Verify(CurrentAndPrevious, fixture.Body, fixture.Signature));
    }

    [Fact]
    public void Accepts_the_previous_secret_only_while_it_is_configured()
    {
        var fixture = WebhookFixtures.All["rotated"];
        Assert.True(WebhookSignature.Verify(CurrentAndPrevious, fixture.Body, fixture.Signature));
        Assert.False(WebhookSignature.Verify(Current, fixture.Body, fixture.Signature));
    }

    [Fact]
    public void Uses_the_utf8_bytes_of_a_non_ascii_secret()
    {
        var fixture = WebhookFixtures.All["non-ascii-secret"];
        Assert.Equal("geheim-Schlüssel-ø", fixture.Secret);
        Assert.True(WebhookSignature.Verify([fixture.Secret], fixture.Body, fixture.Signature));
    }

    [Fact]
    public void The_trailing_newline_is_part_of_the_signed_bytes()
    {
        var fixture = WebhookFixtures.All["trailing-newline"];
        Assert.Equal((byte)'\n', fixture.Body[^1]);
        Assert.False(WebhookSignature.Verify(Current, fixture.Body[..^1], fixture.Signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    [InlineData("sha256=R66OpGxcvcx4QN7yHHjZh1nfQDz2SoJcPOVpLt31hfM=")]
    public void Refuses_missing_or_malformed_signatures(string? signature)
    {
        var fixture = WebhookFixtures.All["valid"];
        Assert.False(WebhookSignature.Verify(Current, fixture.Body, signature));
    }

    [Fact]
    public void Refuses_everything_when_no_secret_is_given()
    {
        var fixture = WebhookFixtures.All["valid"];
        Assert.False(WebhookSignature.Verify([], fixture.Body, fixture.Signature));
    }
}
