<?php

declare(strict_types=1);

namespace Thankyou\Shopware\Subscriber;

use Shopware\Core\PlatformRequest;
use Shopware\Core\System\SystemConfig\SystemConfigService;
use Symfony\Component\EventDispatcher\EventSubscriberInterface;
use Symfony\Component\HttpFoundation\Cookie;
use Symfony\Component\HttpKernel\Event\ResponseEvent;
use Symfony\Component\HttpKernel\KernelEvents;
use Thankyou\Common\Referral;

/**
 * Keeps the ?ref= code of a storefront landing page in a cookie (when the
 * sales channel's settings ask for it), so the order placed later names it.
 */
final class ReferralSubscriber implements EventSubscriberInterface
{
    public function __construct(private readonly SystemConfigService $config)
    {
    }

    public static function getSubscribedEvents(): array
    {
        return [KernelEvents::RESPONSE => 'keepReferral'];
    }

    public function keepReferral(ResponseEvent $event): void
    {
        $request = $event->getRequest();
        $channel = $request->attributes->get(PlatformRequest::ATTRIBUTE_SALES_CHANNEL_ID);
        $code = Referral::fromQuery($request->query->all());
        if (
            !$event->isMainRequest() || $code === null || !is_string($channel)
            || !$this->config->get(CheckoutFinishSubscriber::CONFIG . 'referrals', $channel)
        ) {
            return;
        }
        $cookie = Referral::cookie($code, time(), $request->isSecure());
        $event->getResponse()->headers->setCookie(Cookie::create(
            $cookie['name'],
            $cookie['value'],
            $cookie['expires'],
            $cookie['path'],
            null,
            $cookie['secure'],
            $cookie['httponly'],
            false,
            $cookie['samesite']
        ));
    }
}
