using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.SuperOffice;

/// <summary>Reads a string, number or boolean as text (for fields SuperOffice sends either way); writes a string.</summary>
public sealed class LooseStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return JsonValues.Text(document.RootElement);
                }
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
