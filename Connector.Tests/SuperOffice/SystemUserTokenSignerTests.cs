using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

/// <summary>The signature is checked with an independent RSA instance that only holds the public key.</summary>
public sealed class SystemUserTokenSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 7, 45, TimeSpan.FromHours(1));

    public static TheoryData<string> KeyForms()
    {
        using var rsa = RSA.Create(2048);
        return new TheoryData<string>
        {
            rsa.ExportRSAPrivateKeyPem(),
            rsa.ExportPkcs8PrivateKeyPem(),
            rsa.ToXmlString(includePrivateParameters: true),
            rsa.ExportRSAPrivateKeyPem().Replace("\n", "\\n"),
            Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
        };
    }

    [Theory]
    [MemberData(nameof(KeyForms))]
    public void Every_key_form_signs_verifiably(string keyText)
    {
        Assert.True(SystemUserTokenSigner.TryLoadPrivateKey(keyText, out var key));
        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key!.ExportSubjectPublicKeyInfo(), out _);

        var signed = SystemUserTokenSigner.Sign("SandboxApp-4711", Now, key);
        key.Dispose();

        var parts = signed.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("SandboxApp-4711", parts[0]);
        // UTC, minutes: 03:07 at UTC+1 is 02:07 UTC.
        Assert.Equal("202611280207", parts[1]);
        var data = Encoding.UTF8.GetBytes(parts[0] + "." + parts[1]);
        Assert.True(publicKey.VerifyData(data, Convert.FromBase64String(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyData(Encoding.UTF8.GetBytes("SandboxApp-4712." + parts[1]), Convert.FromBase64String(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void The_timestamp_is_formatted_invariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            using var rsa = RSA.Create(2048);
            Assert.Contains(".202611280207.", SystemUserTokenSigner.Sign("T", Now, rsa));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----")]
    [InlineData("<RSAKeyValue><Modulus>AQAB</Modulus></RSAKeyValue>")]
    public void Unusable_keys_are_refused(string keyText) =>
        Assert.False(SystemUserTokenSigner.TryLoadPrivateKey(keyText, out _));

    [Fact]
    public void A_public_key_alone_is_refused()
    {
        using var rsa = RSA.Create(2048);
        Assert.False(SystemUserTokenSigner.TryLoadPrivateKey(rsa.ExportSubjectPublicKeyInfoPem(), out _));
    }
}
