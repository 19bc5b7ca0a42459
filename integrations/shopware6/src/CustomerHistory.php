<?php

declare(strict_types=1);

namespace Thankyou\Shopware;

use Shopware\Core\Checkout\Order\OrderEntity;
use Shopware\Core\Checkout\Order\OrderStates;
use Shopware\Core\Framework\DataAbstractionLayer\EntityRepository;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Criteria;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Filter\EqualsAnyFilter;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Filter\EqualsFilter;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Filter\NotFilter;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Sorting\FieldSorting;
use Shopware\Core\System\SalesChannel\SalesChannelContext;

/**
 * The customer's history from Shopware's order and newsletter_recipient
 * repositories. Shopware's own customer statistics (orderCount,
 * orderTotalAmount) count completed orders only, which a new order is not.
 */
final class CustomerHistory implements HistorySource
{
    /** The history reads at most this many of a customer's latest orders. */
    public const LIMIT = 500;

    public function __construct(
        private readonly EntityRepository $orderRepository,
        private readonly EntityRepository $newsletterRecipientRepository
    ) {
    }

    /**
     * Customers with an account are known by it; a guest (Shopware makes a new
     * guest customer for each guest order) by the order's e-mail address.
     */
    public function pastOrders(OrderEntity $order, SalesChannelContext $context): iterable
    {
        $orderCustomer = $order->getOrderCustomer();
        if ($orderCustomer === null) {
            return;
        }
        $criteria = (new Criteria())
            ->addAssociation('currency')
            ->addSorting(new FieldSorting('orderDateTime', FieldSorting::DESCENDING))
            ->setLimit(self::LIMIT)
            ->addFilter(new NotFilter(NotFilter::CONNECTION_AND, [
                new EqualsFilter('stateMachineState.technicalName', OrderStates::STATE_CANCELLED),
            ]));
        if ($context->getCustomer()?->getGuest() === false && $orderCustomer->getCustomerId() !== null) {
            $criteria->addFilter(new EqualsFilter('orderCustomer.customerId', $orderCustomer->getCustomerId()));
        } elseif ($orderCustomer->getEmail() !== '') {
            $criteria->addFilter(new EqualsFilter('orderCustomer.email', $orderCustomer->getEmail()));
        } else {
            return;
        }
        foreach ($this->orderRepository->search($criteria, $context->getContext())->getEntities() as $past) {
            yield [
                'id' => $past->getId(),
                'total' => $past->getAmountTotal(),
                'currency' => $past->getCurrency()?->getIsoCode(),
                'created_at' => $past->getOrderDateTime(),
            ];
        }
    }

    public function isSubscribed(OrderEntity $order, SalesChannelContext $context): ?bool
    {
        $email = $order->getOrderCustomer()?->getEmail();
        if ($email === null || $email === '') {
            return null;
        }
        $criteria = (new Criteria())
            ->addFilter(new EqualsFilter('email', $email))
            ->addFilter(new EqualsFilter('salesChannelId', $context->getSalesChannelId()))
            ->addFilter(new EqualsAnyFilter('status', ['optIn', 'direct']))
            ->setLimit(1);

        return $this->newsletterRecipientRepository->searchIds($criteria, $context->getContext())->getTotal() > 0;
    }
}
