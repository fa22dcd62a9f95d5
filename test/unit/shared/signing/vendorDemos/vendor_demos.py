"""
Expected values for the signing golden vectors of vendors that publish an algorithm and demo code
but no fixed input/output pair. Each function is the vendor's published demo, kept as published
(only the clock and the secret are parameters instead of time.time() and a placeholder), run on
the fixed inputs below with CPython's hashlib/hmac. Our TypeScript is not involved.

Run: python3 test/unit/shared/signing/vendorDemos/vendor_demos.py
The output is pasted into the *.test.ts files next to this folder.
"""
import base64
import hashlib
import hmac
import urllib.parse


# Jiandaoyun (简道云) data push, help-center demo "验证推送签名" (Python):
def jiandaoyun_get_signature(nonce, payload, secret, timestamp):
    content = ':'.join([nonce, payload, secret, timestamp]).encode('utf-8')
    m = hashlib.sha1()
    m.update(content)
    return m.hexdigest()


# DingTalk custom robot "加签", open.dingtalk.com demo (Python 3.8):
def dingtalk_sign(timestamp, secret):
    secret_enc = secret.encode('utf-8')
    string_to_sign = '{}\n{}'.format(timestamp, secret)
    string_to_sign_enc = string_to_sign.encode('utf-8')
    hmac_code = hmac.new(secret_enc, string_to_sign_enc, digestmod=hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(hmac_code))
    return sign


# Feishu custom bot "签名校验", open.feishu.cn demo (Python):
def feishu_gen_sign(timestamp, secret):
    string_to_sign = '{}\n{}'.format(timestamp, secret)
    hmac_code = hmac.new(string_to_sign.encode("utf-8"), digestmod=hashlib.sha256).digest()
    sign = base64.b64encode(hmac_code).decode('utf-8')
    return sign


# Stripe, docs.stripe.com/webhooks "Verify signatures manually" steps 2-3, as stripe-python's
# WebhookSignature._compute_signature does it:
def stripe_compute_signature(timestamp, payload, secret):
    signed_payload = "%d.%s" % (timestamp, payload)
    mac = hmac.new(secret.encode("utf-8"), msg=signed_payload.encode("utf-8"), digestmod=hashlib.sha256)
    return mac.hexdigest()


if __name__ == '__main__':
    print('jiandaoyun', jiandaoyun_get_signature(
        'a8c3f1', '{"op":"data_create","data":{"_id":"5f1e","名称":"报销单"}}', 'jdy-demo-secret', '1700000000'))
    print('dingtalk', dingtalk_sign('1577262236757', 'SEC1234567890abcdef'))
    print('feishu', feishu_gen_sign('1599360473', 'demo-feishu-secret'))
    print('stripe', stripe_compute_signature(1492774577, '{"id":"evt_test","object":"event"}', 'whsec_test_secret'))
