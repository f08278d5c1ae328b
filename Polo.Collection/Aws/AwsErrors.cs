using System.Xml;
using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Ec2.Responses;
using Polo.Data;

namespace Polo.Collection.Aws;

/// <summary>Turns an exception from a collector run into one clear line for the status page (never a stack trace).</summary>
public static class AwsErrors
{
    public const int MaxLength = 1000;

    public static string Describe(Exception e)
    {
        var message = e switch
        {
            AmazonServiceException s when !string.IsNullOrEmpty(s.ErrorCode) =>
                $"AWS {s.ErrorCode} ({(int)s.StatusCode}): {s.Message}",
            AmazonUnmarshallingException u => $"Malformed response from AWS: {Innermost(u)}",
            AmazonServiceException s when IsMalformed(s) => $"Malformed response from AWS: {Innermost(s)}",
            AmazonClientException c when IsMalformed(c) => $"Malformed response from AWS: {Innermost(c)}",
            NoCredentialsException n => n.Message,
            PartialCollectionException p => p.Message,
            MalformedAwsResponseException m => m.Message,
            AmazonClientException { InnerException: MalformedAwsResponseException m } => m.Message,
            XmlException x => $"Malformed response from AWS: {x.Message}",
            ClickHouseException ch => $"Database error: {ch.Message}",
            OperationCanceledException => "Cancelled.",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        message = message.ReplaceLineEndings(" ").Trim();
        return message.Length <= MaxLength ? message : message[..MaxLength] + "…";
    }

    private static bool IsMalformed(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
            if (x is XmlException or AmazonUnmarshallingException) return true;
        return false;
    }

    private static string Innermost(Exception e)
    {
        var x = e;
        while (x.InnerException != null) x = x.InnerException;
        return x.Message;
    }
}
