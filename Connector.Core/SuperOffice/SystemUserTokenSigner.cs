using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Signs the system user token as SuperOffice expects: <c>{token}.{yyyyMMddHHmm}</c> (UTC), RSA-SHA256 with
/// PKCS#1 v1.5 padding, result <c>{token}.{yyyyMMddHHmm}.{base64(signature)}</c>.
/// </summary>
public static class SystemUserTokenSigner
{
    public static string Sign(string systemUserToken, DateTimeOffset now, RSA privateKey)
    {
        var data = systemUserToken + "." + now.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(data), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return data + "." + Convert.ToBase64String(signature);
    }

    /// <summary>
    /// Loads an RSA private key given as PEM (<c>RSA PRIVATE KEY</c> or <c>PRIVATE KEY</c>; <c>\n</c> escapes of a
    /// one-line app setting are accepted), as .NET XML (<c>&lt;RSAKeyValue&gt;</c>), or as bare base64 DER.
    /// </summary>
    public static bool TryLoadPrivateKey(string text, out RSA? rsa)
    {
        rsa = RSA.Create();
        var key = text.Trim().Replace("\\n", "\n", StringComparison.Ordinal);
        try
        {
            if (key.StartsWith('<'))
            {
                rsa.FromXmlString(key);
            }
            else if (key.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(key);
            }
            else
            {
                var der = Convert.FromBase64String(key);
                try
                {
                    rsa.ImportPkcs8PrivateKey(der, out _);
                }
                catch (CryptographicException)
                {
                    rsa.ImportRSAPrivateKey(der, out _);
                }
            }
            // A public key imports too, but cannot sign.
            rsa.ExportParameters(includePrivateParameters: true);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or System.Xml.XmlException)
        {
            rsa.Dispose();
            rsa = null;
            return false;
        }
    }
}
