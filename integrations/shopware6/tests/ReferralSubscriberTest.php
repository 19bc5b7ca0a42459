<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Shopware\Core\System\SystemConfig\SystemConfigService;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Event\ResponseEvent;
use Thankyou\Shopware\Subscriber\ReferralSubscriber;

final class ReferralSubscriberTest extends TestCase
{
    private static function cookies(bool $enabled, array $query, bool $main = true, array $attributes = ['sw-sales-channel-id' => 'channel-1']): array
    {
        $subscriber = new ReferralSubscriber(new SystemConfigService(['channel-1' => ['ThankyouEmbed.config.referrals' => $enabled]]));
        $response = new Response();
        $subscriber->keepReferral(new ResponseEvent(new Request($query, [], $attributes), $main, $response));

        return $response->headers->cookies;
    }

    public function testALandingPagesCodeIsKeptInAFirstPartyCookie(): void
    {
        [$cookie] = self::cookies(true, ['ref' => 'friend-7']);

        $this->assertSame(['thankyou_ref', 'friend-7', '/', true, true, 'lax'], [$cookie->name, $cookie->value, $cookie->path, $cookie->secure, $cookie->httpOnly, $cookie->sameSite]);
        $this->assertEqualsWithDelta(time() + 30 * 86400, $cookie->expire, 5);
    }

    public function testNothingIsKeptUnlessTheSalesChannelAsksForIt(): void
    {
        $this->assertSame([], self::cookies(false, ['ref' => 'friend-7']));
        $this->assertSame([], self::cookies(true, ['ref' => 'friend 7']));
        $this->assertSame([], self::cookies(true, ['ref' => 'friend-7'], false), 'a sub-request');
        $this->assertSame([], self::cookies(true, ['ref' => 'friend-7'], true, []), 'not a storefront request');
    }
}
