/**
 * A throwaway self-signed certificate for 127.0.0.1 (EC P-256, valid until 2126), made for these tests with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=127.0.0.1
 * -addext subjectAltName=IP:127.0.0.1`. It protects nothing: it only lets a test run an HTTPS target no CA vouches for.
 */
export const selfSignedCertificate = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUQXs52CR+uZJ5RoStl8uQRlKjIpMwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjAwMzcwNloYDzIxMjYxMDI5
MDAzNzA2WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQ9v0Mg6n697P+GJI/TXnMex6a0j6tS70sbwpw7aZpxs3i5KrPb/+wJ
AwpH3CAT85jKg8DdwRvdRU86yVH6OWguo2QwYjAdBgNVHQ4EFgQUi0N6PM1Oo0xe
hJJ/jdmojw1ohZwwHwYDVR0jBBgwFoAUi0N6PM1Oo0xehJJ/jdmojw1ohZwwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQDnAHq4uI4Yjfh8oF8tTC5txk2E36tQUoxYuSRgFt8M8QIgOG7KtmpAAT4KwYGq
3AlqMch9AyAarE49I5wydjs0AFE=
-----END CERTIFICATE-----
`;

export const selfSignedKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0snpK+bgMJKWv/Md
FQV0Z/GRqtw0xVBomjc4c1AT1kOhRANCAAQ9v0Mg6n697P+GJI/TXnMex6a0j6tS
70sbwpw7aZpxs3i5KrPb/+wJAwpH3CAT85jKg8DdwRvdRU86yVH6OWgu
-----END PRIVATE KEY-----
`;
