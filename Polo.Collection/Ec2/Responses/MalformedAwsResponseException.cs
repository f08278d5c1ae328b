namespace Polo.Collection.Ec2.Responses;

/// <summary>An AWS answer that does not match the call it answers (wrong root, HTML, an error envelope at HTTP 200,
/// a missing list, too large, not XML). Nothing from that call is written.</summary>
public sealed class MalformedAwsResponseException(string message) : Exception(message);
