<?php

declare(strict_types=1);

namespace Thankyou\Embed\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\Framework\Stdlib\Cookie\CookieMetadataFactory;
use Magento\Framework\Stdlib\CookieManagerInterface;
use Magento\Store\Model\StoreManagerInterface;
use Thankyou\Common\Referral;
use Thankyou\Embed\Model\Config;

/**
 * Keeps the ?ref= code of a storefront landing page in a cookie (when the
 * store view's settings ask for it), so the order placed later names it.
 */
class KeepReferral implements ObserverInterface
{
    public function __construct(
        private readonly Config $config,
        private readonly StoreManagerInterface $storeManager,
        private readonly CookieManagerInterface $cookieManager,
        private readonly CookieMetadataFactory $cookieMetadataFactory
    ) {
    }

    /** controller_action_predispatch, in the storefront. */
    public function execute(Observer $observer): void
    {
        $request = $observer->getEvent()->getRequest();
        $code = Referral::clean($request->getQuery(Referral::PARAMETER));
        if ($code === null || !$this->config->referrals((int) $this->storeManager->getStore()->getId())) {
            return;
        }
        $cookie = Referral::cookie($code, time(), $request->isSecure());
        $metadata = $this->cookieMetadataFactory->createPublicCookieMetadata()
            ->setDuration(Referral::LIFETIME)
            ->setPath($cookie['path'])
            ->setSecure($cookie['secure'])
            ->setHttpOnly($cookie['httponly'])
            ->setSameSite($cookie['samesite']);
        $this->cookieManager->setPublicCookie($cookie['name'], $cookie['value'], $metadata);
    }
}
